use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "An HTTP API custom domain and its API mapping must be wired to a deployed stage of the same API"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for d in m.resources_of("aws_apigatewayv2_domain_name") {
        if let Some(et) = d
            .str("domain_name_configuration.0.endpoint_type")
            .filter(|e| *e != "REGIONAL")
        {
            finding(
                &META,
                d,
                format!(
                    "{} uses endpoint_type {et}; HTTP API custom domains are REGIONAL",
                    d.address
                ),
            )
            .at(d.span("domain_name_configuration.0.endpoint_type"))
            .help("endpoint_type = \"REGIONAL\"")
            .push(out);
        }
        if let Some(sp) = d
            .str("domain_name_configuration.0.security_policy")
            .filter(|p| *p != "TLS_1_2")
        {
            finding(
                &META,
                d,
                format!(
                    "{} uses security_policy {sp}; HTTP API custom domains accept TLS_1_2",
                    d.address
                ),
            )
            .at(d.span("domain_name_configuration.0.security_policy"))
            .help("security_policy = \"TLS_1_2\"")
            .push(out);
        }
    }
    for map in m.resources_of("aws_apigatewayv2_api_mapping") {
        let apis = map
            .get("api_id")
            .map(|v| m.links(v, "aws_apigatewayv2_api"))
            .unwrap_or_default();
        let Some(sv) = map.get("stage") else { continue };
        let mut stages = m.links(sv, "aws_apigatewayv2_stage");
        if stages.is_empty()
            && let Some(n) = sv.as_str()
        {
            stages = m
                .resources_of("aws_apigatewayv2_stage")
                .filter(|s| s.str("name") == Some(n))
                .collect();
            if stages.is_empty() && n != "$default" {
                finding(&META, map, format!("{} maps stage \"{n}\", which no aws_apigatewayv2_stage in this configuration declares", map.address))
                            .place(place(map, "stage", Some(sv))).help("stage = aws_apigatewayv2_stage.<name>.id").note().push(out);
            }
            for st in &stages {
                if !m.orders_after(map, &st.base) {
                    finding(&META, map, format!("{} names stage \"{n}\" as a literal without depending on {}; the mapping can be created before the stage", map.address, st.base))
                                .place(place(map, "stage", Some(sv))).related(related(st, "name", "the stage")).help(format!("stage = {}.id", st.base)).push(out);
                }
            }
        }
        for st in stages {
            let sapis = st
                .get("api_id")
                .map(|v| m.links(v, "aws_apigatewayv2_api"))
                .unwrap_or_default();
            if !apis.is_empty()
                && !sapis.is_empty()
                && !apis
                    .iter()
                    .any(|a| sapis.iter().any(|b| a.address == b.address))
            {
                finding(
                    &META,
                    map,
                    format!(
                        "{} maps {} but its stage {} belongs to {}",
                        map.address,
                        names(&apis),
                        st.address,
                        names(&sapis)
                    ),
                )
                .at(map.span("stage"))
                .related(related(st, "api_id", "the stage's API"))
                .help("use a stage of the mapped API")
                .push(out);
            }
            let auto = st.get("auto_deploy").and_then(|v| v.as_bool()) == Some(true);
            let deployed = st.get("deployment_id").is_some_and(|v| !v.is_null());
            if !auto && !deployed {
                finding(&META, st, format!("{} has neither auto_deploy = true nor a deployment_id; the mapped stage serves nothing (or stale routes and authorizers)", st.address))
                        .at(st.span("name")).help("set auto_deploy = true, or deploy with an aws_apigatewayv2_deployment that changes with the routes").severity(Severity::Warning).push(out);
            }
        }
    }
}
