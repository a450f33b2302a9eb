use crate::finding::Severity;
use crate::model::Resource;
use crate::model::view::{RestApi, RestBasePathMapping, RestDomain, RestStage};
use crate::rules::context::Cx;
use crate::rules::support::{names, related};
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
                let stages: Vec<RestStage> = if linked.is_empty() {
                    // a literal name: find the stage it names, and require ordering
                    match sv.as_str() {
                        // only stages of the mapped API: two APIs may both have a stage "prod"
                        Some(n) => {
                            let own: Vec<RestStage> = if apis.is_empty() {
                                stages_by_name.get(n).cloned().unwrap_or_default()
                            } else {
                                apis.iter()
                                    .flat_map(|a| {
                                        stages_by_api
                                            .get(&(a.0.address.as_str(), n))
                                            .cloned()
                                            .unwrap_or_default()
                                    })
                                    .collect()
                            };
                            // a stage of another API with this name: reported below as the wrong API's stage
                            if own.is_empty() {
                                stages_by_name.get(n).cloned().unwrap_or_default()
                            } else {
                                own
                            }
                        }
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
