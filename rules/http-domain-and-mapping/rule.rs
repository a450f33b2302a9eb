use crate::finding::Severity;
use crate::model::http::{addresses, related_at};
use crate::model::view::{HttpApiMapping, HttpDomain, HttpStage};
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
        let mut stages = map.stages(m);
        if stages.is_empty()
            && let Some(n) = sv.as_str()
        {
            stages = m
                .all::<HttpStage>()
                .filter(|s| s.name().known() == Some(&n))
                .collect();
            if stages.is_empty() && n != "$default" {
                cx.report(&stage, Some(sv), format!("{} maps stage \"{n}\", which no aws_apigatewayv2_stage in this configuration declares", map.address))
                    .help("stage = aws_apigatewayv2_stage.<name>.id")
                    .note()
                    .emit(cx);
            }
            for st in &stages {
                if !m.orders_after(map.0, &st.base) {
                    cx.report(&stage, Some(sv), format!("{} names stage \"{n}\" as a literal without depending on {}; the mapping can be created before the stage", map.address, st.base))
                        .related(related_at(&st.name(), "the stage"))
                        .help(format!("stage = {}.id", st.base))
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
