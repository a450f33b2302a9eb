use crate::finding::Severity;
use crate::model::http::{addresses, related_at};
use crate::model::view::{HttpApiMapping, HttpDomain, HttpStage, RestApi, RestStage};
use crate::rules::context::Cx;
use crate::rules::support::{mapped_domain, report_duplicate_paths};

rule!(
    Error,
    "An HTTP API custom domain and its API mapping must be wired to a deployed stage of the same API"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let paths: Vec<_> = m
        .all::<HttpApiMapping>()
        .map(|x| {
            let linked = x
                .domains(m)
                .first()
                .map(|d| (d.0, d.domain_name().into_known()));
            let domain = mapped_domain(x.domain_name().into_known(), linked);
            (domain, x.api_mapping_key())
        })
        .collect();
    report_duplicate_paths(cx, &paths);
    // domains some mapping maps (by its key: the domain's name or the domain resource)
    let mapped: std::collections::BTreeSet<&str> = paths
        .iter()
        .filter_map(|(d, _)| d.as_ref().map(|(k, _)| k.as_str()))
        .collect();
    let some_unknown = paths.iter().any(|(d, _)| d.is_none());
    for d in m.all::<HttpDomain>() {
        let name = d.domain_name();
        let key = crate::model::norm_host(name.known().copied().unwrap_or(&d.address));
        if !some_unknown && !mapped.contains(key.as_str()) {
            cx.report(&name, None, format!("custom domain {} has no aws_apigatewayv2_api_mapping in this configuration: requests to it get 403 {{\"message\":\"Forbidden\"}} unless a mapping is made elsewhere", d.address))
                .help("add an aws_apigatewayv2_api_mapping with domain_name, api_id and stage")
                .note()
                .emit(cx);
        }
        let et = d.endpoint_type();
        match et.known() {
            Some(e) if *e != "REGIONAL" => cx
                .report(
                    &et,
                    None,
                    format!(
                        "{} uses endpoint_type {e}; HTTP API custom domains are REGIONAL",
                        d.address
                    ),
                )
                .help("endpoint_type = \"REGIONAL\"")
                .emit(cx),
            None if et.is_unknown() => cx.cannot_verify(
                &et,
                format!("the endpoint_type of {}", d.address),
                "endpoint_type = \"REGIONAL\"",
            ),
            _ => {}
        }
        let sp = d.security_policy();
        match sp.known() {
            Some(p) if *p != "TLS_1_2" => cx
                .report(
                    &sp,
                    None,
                    format!(
                        "{} uses security_policy {p}; HTTP API custom domains accept TLS_1_2",
                        d.address
                    ),
                )
                .help("security_policy = \"TLS_1_2\"")
                .emit(cx),
            None if sp.is_unknown() => cx.cannot_verify(
                &sp,
                format!("the security_policy of {}", d.address),
                "security_policy = \"TLS_1_2\"",
            ),
            _ => {}
        }
    }
    for map in m.all::<HttpApiMapping>() {
        let apis = map.apis(m);
        let stage = map.stage();
        let Some(sv) = stage.val() else { continue };
        // a REST API's stage mapped to a regional domain through an API mapping
        let rest = map.rest_apis(m);
        if !rest.is_empty() {
            rest_stage(cx, map, &rest);
            continue;
        }
        let mut stages = map.stages(m);
        if stages.is_empty()
            && let Some(n) = sv.as_str()
        {
            // a reference whose value is known reads as a literal: the stages of that name the
            // mapping refers to are the ones it names; else the mapped API's stage of that name
            // (never another API's: two APIs may both have a stage "v1")
            let named: Vec<HttpStage> = m
                .all::<HttpStage>()
                .filter(|s| s.name().known() == Some(&n))
                .collect();
            let referenced: Vec<HttpStage> = named
                .iter()
                .copied()
                .filter(|s| map.0.depends_on_base(&s.base))
                .collect();
            stages = if !referenced.is_empty() {
                referenced
            } else if apis.is_empty() {
                named
            } else {
                named
                    .into_iter()
                    .filter(|s| {
                        s.apis(m)
                            .iter()
                            .any(|b| apis.iter().any(|a| a.address == b.address))
                    })
                    .collect()
            };
            if stages.is_empty() && n != "$default" {
                cx.report(&stage, Some(sv), format!("{} maps stage \"{n}\", which no aws_apigatewayv2_stage of the mapped API in this configuration declares", map.address))
                    .help("stage = aws_apigatewayv2_stage.<name>.id")
                    .note()
                    .emit(cx);
            }
            for st in &stages {
                if !m.orders_after(map.0, &st.base) {
                    cx.report(&stage, Some(sv), format!("{} names stage \"{n}\" as a literal without depending on {}; the first apply can create the mapping before the stage (a race)", map.address, st.base))
                        .related(related_at(&st.name(), "the stage"))
                        .help(format!("stage = {}.id", st.base))
                        .severity(Severity::Warning)
                        .emit(cx);
                }
            }
        }
        if stages.is_empty() && stage.is_unknown() {
            cx.cannot_verify(
                &stage,
                format!("the stage {} maps", map.address),
                "stage = aws_apigatewayv2_stage.<name>.id",
            );
        }
        for st in stages {
            let sapis = st.apis(m);
            if !apis.is_empty()
                && !sapis.is_empty()
                && !apis
                    .iter()
                    .any(|a| sapis.iter().any(|b| a.address == b.address))
            {
                cx.report(
                    &stage,
                    None,
                    format!(
                        "{} maps {} but its stage {} belongs to {}",
                        map.address,
                        addresses(&apis),
                        st.address,
                        addresses(&sapis)
                    ),
                )
                .related(related_at(&st.api_id(), "the stage's API"))
                .help("use a stage of the mapped API")
                .emit(cx);
            }
            let auto_deploy = st.auto_deploy();
            let auto = auto_deploy.known() == Some(&true);
            let deployed = !st.deployment_id().is_absent();
            if !auto && !deployed && auto_deploy.is_unknown() {
                cx.cannot_verify(
                    &auto_deploy,
                    format!("that {} is deployed (auto_deploy)", st.address),
                    "make auto_deploy known at plan time, or give the stage a deployment_id",
                );
            } else if !auto && !deployed {
                cx.report(&st.name(), None, format!("{} has neither auto_deploy = true nor a deployment_id; the mapped stage serves nothing (or stale routes and authorizers)", st.address))
                    .help("set auto_deploy = true, or deploy with an aws_apigatewayv2_deployment that changes with the routes")
                    .severity(Severity::Warning)
                    .emit(cx);
            }
        }
    }
}

/// An API mapping of a REST API: its stage is an `aws_api_gateway_stage` of that API, named by
/// its stage name.
fn rest_stage(cx: &mut Cx, map: HttpApiMapping, rest: &[RestApi]) {
    let m = cx.m;
    let stage = map.stage();
    let Some(n) = stage.val().and_then(|v| v.as_str()) else {
        if stage.is_unknown() {
            cx.cannot_verify(
                &stage,
                format!("the stage {} maps", map.address),
                "stage = aws_api_gateway_stage.<name>.stage_name",
            );
        }
        return;
    };
    let stages: Vec<RestStage> = m
        .all::<RestStage>()
        .filter(|s| s.stage_name().known() == Some(&n))
        .filter(|s| {
            s.rest_apis(m)
                .iter()
                .any(|b| rest.iter().any(|a| a.address == b.address))
        })
        .collect();
    if stages.is_empty() {
        cx.report(&stage, stage.val(), format!("{} maps stage \"{n}\" of REST API {}, which no aws_api_gateway_stage of that API in this configuration declares", map.address, rest[0].address))
            .help("stage = aws_api_gateway_stage.<name>.stage_name")
            .note()
            .emit(cx);
    } else if !stages.iter().any(|st| m.orders_after(map.0, &st.base)) {
        let sn = stages[0].stage_name();
        cx.report(&stage, stage.val(), format!("{} names stage \"{n}\" as a literal without depending on {}; the first apply can create the mapping before the stage (a race)", map.address, stages[0].base))
            .related(related_at(&sn, "the stage"))
            .help(format!("stage = {}.stage_name", stages[0].base))
            .severity(Severity::Warning)
            .emit(cx);
    }
}
