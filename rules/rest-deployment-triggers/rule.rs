use crate::model::Resource;
use crate::model::view::{
    RestApi, RestAuthorizer, RestDeployment, RestIntegration, RestMethod, RestResource,
};
use crate::rules::context::Cx;
use crate::rules::support::related;

rule!(
    Warning,
    "A REST deployment must be redeployed when methods, integrations, resources or authorizers change"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    // the parts of each REST API (resources, methods, integrations, authorizers, in that order),
    // grouped once (no deployment × resource loop)
    let mut parts: std::collections::BTreeMap<&str, Vec<&Resource>> =
        std::collections::BTreeMap::new();
    let members: Vec<(&Resource, Vec<RestApi>)> = m
        .all::<RestResource>()
        .map(|r| (r.0, r.rest_apis(m)))
        .chain(m.all::<RestMethod>().map(|r| (r.0, r.rest_apis(m))))
        .chain(m.all::<RestIntegration>().map(|r| (r.0, r.rest_apis(m))))
        .chain(m.all::<RestAuthorizer>().map(|r| (r.0, r.rest_apis(m))))
        .collect();
    for (r, apis) in members {
        for a in apis {
            parts.entry(a.0.address.as_str()).or_default().push(r);
        }
    }
    for d in m.all::<RestDeployment>() {
        let apis = d.rest_apis(m);
        let Some(api) = apis.first() else { continue };
        let mut missing: Vec<String> = Vec::new();
        for r in parts.get(api.address.as_str()).into_iter().flatten() {
            if !d.deps().any(|x| *x == r.base) && !missing.contains(&r.base) {
                missing.push(r.base.clone());
            }
        }
        let fallback = d.rest_api_id().span();
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(6).map(String::as_str).collect();
            let more = if missing.len() > 6 {
                format!(" and {} more", missing.len() - 6)
            } else {
                String::new()
            };
            let name = api.name();
            cx.report_on(&d, format!("{} is not redeployed when {}{more} change(s); edited scopes, authorizers or integrations stay inactive and the old (possibly open) API keeps serving", d.address, shown.join(", ")))
                .at(d.triggers().attr_span().or(fallback))
                .related(related(name.res, name.attr, "the REST API"))
                .help("triggers = { redeployment = sha1(jsonencode([<every resource, method, integration and authorizer of the API>])) }")
                .emit(cx);
        }
        if d.create_before_destroy().known() != Some(&true) {
            cx.report_on(&d, format!("{} lacks lifecycle {{ create_before_destroy = true }}; replacing it fails with \"Active stages pointing to this deployment must be moved or deleted\"", d.address))
                .at(d.lifecycle().attr_span().or(fallback))
                .help("add lifecycle { create_before_destroy = true }")
                .emit(cx);
        }
    }
}
