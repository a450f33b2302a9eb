use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A DNS record must not point a custom API host at the API's own execute-api endpoint"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    const API_TARGETS: &[(&str, &str)] = &[
        ("aws_api_gateway_rest_api", ""),
        ("aws_api_gateway_stage", "invoke_url"),
        ("aws_api_gateway_deployment", "invoke_url"),
        ("aws_apigatewayv2_api", "api_endpoint"),
        ("aws_apigatewayv2_stage", "invoke_url"),
    ];
    for rec in m.resources_of("aws_route53_record") {
        let mut targets: Vec<(&str, &crate::value::Val)> = Vec::new();
        if let Some(a) = rec.get("alias.0.name") {
            targets.push(("alias.0.name", a));
        }
        if let Some(items) = rec.get("records").and_then(|r| r.items()) {
            targets.extend(items.into_iter().map(|v| ("records", v)));
        }
        for (attr, v) in targets {
            let api = v.origins().into_iter().find_map(|o| {
                let r = m.origin_resource(&o)?;
                API_TARGETS
                    .iter()
                    .any(|(t, a)| r.rtype == *t && (a.is_empty() || o.attr == *a))
                    .then_some(r)
            });
            let literal = v
                .as_str()
                .is_some_and(|s| s.contains(".execute-api.") && !s.starts_with("d-"));
            if api.is_none() && !literal {
                continue;
            }
            let host = rec.str("fqdn").unwrap_or("this name").to_string();
            let mut f = finding(&META, rec, format!(
                    "{host} points at the API's default execute-api endpoint instead of its custom domain; that endpoint presents a *.execute-api certificate (TLS name mismatch) and does not route the custom host (403/404)"))
                    .place(place(rec, attr, Some(v)))
                    .help("alias the record to the aws_api_gateway_domain_name's regional_domain_name/regional_zone_id (EDGE: cloudfront_domain_name/cloudfront_zone_id; HTTP API: domain_name_configuration[0].target_domain_name/hosted_zone_id)");
            if let Some(api) = api {
                f = f.related(related(
                    api,
                    "name",
                    "the API whose default endpoint is used",
                ));
            }
            f.push(out);
        }
    }
}
