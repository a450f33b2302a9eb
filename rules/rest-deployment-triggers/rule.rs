use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "A REST deployment must be redeployed when methods, integrations, resources or authorizers change"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    const PARTS: [&str; 4] = [
        "aws_api_gateway_resource",
        "aws_api_gateway_method",
        "aws_api_gateway_integration",
        "aws_api_gateway_authorizer",
    ];
    // the parts of each REST API, grouped once (no deployment × resource loop)
    let mut parts: std::collections::BTreeMap<&str, Vec<&crate::model::Resource>> =
        std::collections::BTreeMap::new();
    for t in PARTS {
        for r in m.resources_of(t) {
            for a in r
                .get("rest_api_id")
                .map(|v| m.links(v, "aws_api_gateway_rest_api"))
                .unwrap_or_default()
            {
                parts.entry(a.address.as_str()).or_default().push(r);
            }
        }
    }
    for d in m.resources_of("aws_api_gateway_deployment") {
        let apis = d
            .get("rest_api_id")
            .map(|v| m.links(v, "aws_api_gateway_rest_api"))
            .unwrap_or_default();
        let Some(api) = apis.first() else { continue };
        let mut missing: Vec<String> = Vec::new();
        for r in parts.get(api.address.as_str()).into_iter().flatten() {
            if !d.deps().any(|x| *x == r.base) && !missing.contains(&r.base) {
                missing.push(r.base.clone());
            }
        }
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(6).map(String::as_str).collect();
            let more = if missing.len() > 6 {
                format!(" and {} more", missing.len() - 6)
            } else {
                String::new()
            };
            finding(&META, d, format!("{} is not redeployed when {}{more} change(s); edited scopes, authorizers or integrations stay inactive and the old (possibly open) API keeps serving", d.address, shown.join(", ")))
                    .at(d.attr_span("triggers").or(d.span("rest_api_id")))
                    .related(related(api, "name", "the REST API"))
                    .help("triggers = { redeployment = sha1(jsonencode([<every resource, method, integration and authorizer of the API>])) }")
                    .push(out);
        }
        let cbd = d
            .get("lifecycle.0.create_before_destroy")
            .and_then(|v| v.as_bool());
        if cbd != Some(true) {
            finding(&META, d, format!("{} lacks lifecycle {{ create_before_destroy = true }}; replacing it fails with \"Active stages pointing to this deployment must be moved or deleted\"", d.address))
                    .at(d.attr_span("lifecycle").or(d.span("rest_api_id")))
                    .help("add lifecycle { create_before_destroy = true }")
                    .push(out);
        }
    }
}
