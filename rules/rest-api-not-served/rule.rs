use crate::model::view::{RestApi, RestBasePathMapping, RestDeployment, RestDomain, RestMethod};
use crate::rules::context::Cx;
use std::collections::BTreeSet;

rule!(
    Note,
    "A REST API with methods needs a deployment, and a custom domain needs a base path mapping, to serve anything"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let deployed: BTreeSet<&str> = m
        .all::<RestDeployment>()
        .flat_map(|d| d.rest_apis(m))
        .map(|a| a.0.address.as_str())
        .collect();
    let mut with_methods: BTreeSet<&str> = BTreeSet::new();
    for me in m.all::<RestMethod>() {
        for a in me.rest_apis(m) {
            with_methods.insert(a.0.address.as_str());
        }
    }
    for api in m.all::<RestApi>() {
        if with_methods.contains(api.address.as_str()) && !deployed.contains(api.address.as_str()) {
            let name = api.name();
            cx.report(&name, None, format!("{} has methods but no aws_api_gateway_deployment in this configuration: nothing is served (every call gets 403 \"Missing Authentication Token\" or no stage at all) unless it is deployed elsewhere", api.address))
                .help("add an aws_api_gateway_deployment with triggers over the API's methods, and an aws_api_gateway_stage")
                .emit(cx);
        }
    }
    let mapped: BTreeSet<&str> = m
        .all::<RestBasePathMapping>()
        .flat_map(|b| b.linked_domains(m))
        .map(|d| d.0.address.as_str())
        .collect();
    let mapped_names: BTreeSet<&str> = m
        .all::<RestBasePathMapping>()
        .filter_map(|b| b.domain_name_text().into_known())
        .collect();
    for d in m.all::<RestDomain>() {
        let name = d.domain_name();
        if mapped.contains(d.address.as_str())
            || name.known().is_some_and(|n| mapped_names.contains(n))
        {
            continue;
        }
        cx.report(&name, None, format!("custom domain {} has no aws_api_gateway_base_path_mapping in this configuration: requests to it get 403 {{\"message\":\"Forbidden\"}} unless a mapping is made elsewhere", d.address))
            .help("add an aws_api_gateway_base_path_mapping with domain_name, api_id and stage_name")
            .emit(cx);
    }
}
