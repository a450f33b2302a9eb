use crate::finding::Severity;
use crate::model::Resource;
use crate::model::view::{RestApi, RestBasePathMapping, RestDeployment, RestDomain, RestStage};
use crate::rules::context::Cx;
use crate::rules::support::{mapped_domain, names, related, report_duplicate_paths};
use std::collections::BTreeMap;

rule!(
    Error,
    "A base path mapping must reference its domain, API and stage"
);

fn addresses(apis: &[RestApi]) -> String {
    let rs: Vec<&Resource> = apis.iter().map(|a| a.0).collect();
    names(&rs)
}

fn check(cx: &mut Cx) {
    let m = cx.m;
    let paths: Vec<_> = m
        .all::<RestBasePathMapping>()
        .map(|x| {
            let linked = x
                .linked_domains(m)
                .first()
                .map(|d| (d.0, d.domain_name().into_known()));
            let domain = mapped_domain(x.domain_name_text().into_known(), linked);
            (domain, x.base_path())
        })
        .collect();
    report_duplicate_paths(cx, &paths);
    // literal names → stages and domains, indexed once
    let mut stages_by_name: BTreeMap<&str, Vec<RestStage>> = BTreeMap::new();
    // (API address, stage name) → stages: the mapped API's own stage without a scan
    let mut stages_by_api: BTreeMap<(&str, &str), Vec<RestStage>> = BTreeMap::new();
    for s in m.all::<RestStage>() {
        if let Some(n) = s.stage_name().into_known() {
            stages_by_name.entry(n).or_default().push(s);
            for a in s.rest_apis(m) {
                stages_by_api
                    .entry((a.0.address.as_str(), n))
                    .or_default()
                    .push(s);
            }
        }
    }
    let mut domains_by_name: BTreeMap<&str, Vec<RestDomain>> = BTreeMap::new();
    for d in m.all::<RestDomain>() {
        if let Some(n) = d.domain_name().into_known() {
            domains_by_name.entry(n).or_default().push(d);
        }
    }
    for bm in m.all::<RestBasePathMapping>() {
        let apis = bm.rest_apis(m);
        let stage = bm.stage_name();
        match stage.val() {
            // the documented "stage in the path" form: a design choice, a note
            None => cx.report(&bm.api_id(), None, format!("{} has no stage_name: callers must put the stage in the path (https://<domain>/<base path>/<stage>/<resource>); if they call https://<domain>/<resource>, they get 403", bm.address))
                .help("if callers should not name the stage, set stage_name = aws_api_gateway_stage.<name>.stage_name")
                .note()
                .emit(cx),
            Some(sv) => {
                let linked = bm.linked_stages(m);
                // a reference whose value is known reads as a literal: the stages of that name
                // the mapping refers to are the ones it names
                let linked: Vec<RestStage> = if linked.is_empty() {
                    sv.as_str()
                        .and_then(|n| stages_by_name.get(n))
                        .map(|v| {
                            v.iter()
                                .copied()
                                .filter(|st| bm.0.depends_on_base(&st.base))
                                .collect()
                        })
                        .unwrap_or_default()
                } else {
                    linked
                };
                let by_name = linked.is_empty();
                let stages: Vec<RestStage> = if by_name {
                    // a literal name: the mapped API's stage of that name (never another API's:
                    // two APIs may both have a stage "prod"), and require ordering
                    match sv.as_str() {
                        Some(n) if !apis.is_empty() => {
                            let own: Vec<RestStage> = apis
                                .iter()
                                .flat_map(|a| {
                                    stages_by_api
                                        .get(&(a.0.address.as_str(), n))
                                        .cloned()
                                        .unwrap_or_default()
                                })
                                .collect();
                            if own.is_empty() {
                                inline_stage(cx, bm, &apis, n, &stage);
                            }
                            own
                        }
                        Some(n) => stages_by_name.get(n).cloned().unwrap_or_default(),
                        None => {
                            if stage.is_unknown() {
                                cx.cannot_verify(
                                    &stage,
                                    format!("the stage {} maps", bm.address),
                                    "stage_name = aws_api_gateway_stage.<name>.stage_name",
                                );
                            }
                            vec![]
                        }
                    }
                } else {
                    linked
                };
                for st in &stages {
                    if !m.orders_after(bm.0, &st.base) {
                        let sn = st.stage_name();
                        cx.report(&stage, Some(sv), format!("{} names stage \"{}\" as a literal without depending on {}; the first apply can run before the stage exists (\"Invalid stage identifier specified\")", bm.address, sv.as_str().unwrap_or(""), st.base))
                            .related(related(sn.res, sn.attr, "the stage"))
                            .help(format!("stage_name = {}.stage_name", st.base))
                            .severity(Severity::Warning)
                            .emit(cx);
                    }
                    let sapis = st.rest_apis(m);
                    if !apis.is_empty()
                        && !sapis.is_empty()
                        && !apis
                            .iter()
                            .any(|a| sapis.iter().any(|b| a.address == b.address))
                    {
                        let sa = st.rest_api_id();
                        cx.report(&stage, None, format!("{} maps {} but its stage {} belongs to {}", bm.address, addresses(&apis), st.address, addresses(&sapis)))
                            .related(related(sa.res, sa.attr, "the stage's API"))
                            .help("use a stage of the mapped API")
                            .emit(cx);
                    }
                }
            }
        }
        let domain = bm.domain_name();
        if let Some(dv) = domain.val() {
            // a known name: a reference whose value is known looks like a literal, so decide by ordering
            let named: Vec<RestDomain> = match dv.as_str() {
                Some(s) => domains_by_name.get(s).cloned().unwrap_or_default(),
                None => {
                    // not known here: a reference to the domain orders the mapping after it
                    if domain.is_unknown() && bm.linked_domains(m).is_empty() {
                        cx.cannot_verify(
                            &domain,
                            format!("that {} is created after its custom domain", bm.address),
                            "domain_name = aws_api_gateway_domain_name.<name>.domain_name",
                        );
                    }
                    vec![]
                }
            };
            // several domains may carry one name (copies of a stack): one the mapping waits for is enough
            if let Some(d) = named.first()
                && !named.iter().any(|d| m.orders_after(bm.0, &d.base))
            {
                let dn = d.domain_name();
                cx.report(&domain, Some(dv), format!("{} names the custom domain by a literal, without depending on {}; the first apply can create the mapping before the domain exists", bm.address, d.base))
                    .related(related(dn.res, dn.attr, "the custom domain"))
                    .help(format!("domain_name = {}.domain_name", d.base))
                    .severity(Severity::Warning)
                    .emit(cx);
            }
        }
    }
}

/// A literal stage name that no `aws_api_gateway_stage` of the mapped API has: a deployment's
/// inline `stage_name` creates it (the mapping must wait for that deployment), or it is not in
/// this configuration (a note).
fn inline_stage(
    cx: &mut Cx,
    bm: RestBasePathMapping,
    apis: &[RestApi],
    name: &str,
    stage: &crate::model::view::Got<'_, &crate::value::Val>,
) {
    let m = cx.m;
    let deployments: Vec<RestDeployment> = m
        .all::<RestDeployment>()
        .filter(|d| d.stage_name().known() == Some(&name))
        .filter(|d| {
            d.rest_apis(m)
                .iter()
                .any(|a| apis.iter().any(|b| a.address == b.address))
        })
        .collect();
    if deployments.is_empty() {
        cx.report(stage, stage.val(), format!("cannot verify that stage \"{name}\" of {} exists: no aws_api_gateway_stage or deployment stage_name of that API in this configuration has the name", addresses(apis)))
            .help("stage_name = aws_api_gateway_stage.<name>.stage_name")
            .note()
            .emit(cx);
        return;
    }
    if !deployments.iter().any(|d| m.orders_after(bm.0, &d.base)) {
        let d = deployments[0];
        let sn = d.stage_name();
        cx.report(stage, stage.val(), format!("{} names stage \"{name}\", which {} creates, as a literal without depending on it; the first apply can create the mapping before the stage exists (\"Invalid stage identifier specified\")", bm.address, d.base))
            .related(related(sn.res, sn.attr, "the deployment's stage"))
            .help(format!("stage_name = {}.stage_name (or depends_on = [{}])", d.base, d.base))
            .severity(Severity::Warning)
            .emit(cx);
    }
}
