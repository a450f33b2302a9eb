use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "Browser-called REST resources with protected methods need an open OPTIONS method"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let clients = by_pool(m, "aws_cognito_user_pool_client");
    // CORS headers declared on method or integration responses are evidence of browser callers
    let mut cors_apis = std::collections::BTreeSet::new();
    for t in [
        "aws_api_gateway_method_response",
        "aws_api_gateway_integration_response",
    ] {
        for r in m.resources_of(t) {
            let has = r.get("response_parameters").is_some_and(|p| matches!(&p.v, crate::value::V::Obj(o) if o.keys().any(|k| k.contains("Access-Control-Allow"))));
            if has {
                for a in r
                    .get("rest_api_id")
                    .map(|v| m.links(v, "aws_api_gateway_rest_api"))
                    .unwrap_or_default()
                {
                    cors_apis.insert(a.address.clone());
                }
            }
        }
    }
    let mut by_resource: std::collections::BTreeMap<String, Vec<&crate::model::Resource>> =
        Default::default();
    for meth in m.resources_of("aws_api_gateway_method") {
        let key = meth
            .get("resource_id")
            .map(|v| {
                v.origins()
                    .first()
                    .map(|o| o.name())
                    .or_else(|| v.as_str().map(String::from))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        by_resource.entry(key).or_default().push(meth);
    }
    for (_, methods) in by_resource {
        let protected: Vec<_> = methods
            .iter()
            .filter(|x| x.str("authorization") == Some("COGNITO_USER_POOLS"))
            .collect();
        let Some(first) = protected.first() else {
            continue;
        };
        if protected
            .iter()
            .any(|x| x.str("http_method") == Some("ANY"))
            && !methods
                .iter()
                .any(|x| x.str("http_method") == Some("OPTIONS"))
        {
            // ANY also catches the preflight
        }
        let api = first
            .get("rest_api_id")
            .map(|v| m.links(v, "aws_api_gateway_rest_api"))
            .unwrap_or_default();
        let pools: Vec<_> = first
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_api_gateway_authorizer"))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| a.get("provider_arns").and_then(|p| pools_of(m, p).ok()))
            .flatten()
            .collect();
        let evidence = api.iter().any(|a| cors_apis.contains(&a.address))
            || browser_clients(&clients, &pools).is_some();
        if !evidence {
            continue;
        }
        let options = methods
            .iter()
            .find(|x| x.str("http_method") == Some("OPTIONS"));
        let route = rest_route(m, first);
        let path = route
            .split_once(' ')
            .map_or(route.as_str(), |(_, p)| p)
            .to_string();
        match options {
                Some(o) if o.str("authorization") == Some("NONE") => {}
                Some(o) => finding(&META, o, format!("the OPTIONS method of {path} requires authorization; browsers send the CORS preflight without an Authorization header, so it gets 401 and the call fails as a CORS error"))
                    .at(o.span("authorization")).help("set authorization = \"NONE\" on OPTIONS (with no scopes)").push(out),
                None => finding(&META, first, format!("{path} has protected methods and browser callers but no OPTIONS method; the CORS preflight gets 401 (or hits a protected ANY) and browsers report a CORS error"))
                    .at(first.span("http_method")).help("add an OPTIONS method with authorization = \"NONE\" and a MOCK integration that returns the CORS headers").push(out),
            }
    }
}
