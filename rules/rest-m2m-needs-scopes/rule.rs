use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "Cognito methods called by client_credentials clients must require scopes"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let clients = by_pool(m, "aws_cognito_user_pool_client");
    for method in m.resources_of("aws_api_gateway_method") {
        if method.str("authorization") != Some("COGNITO_USER_POOLS") {
            continue;
        }
        match list(method, "authorization_scopes") {
            Some(Ok(l)) if !l.is_empty() => continue,
            Some(Err(_)) => continue,
            _ => {}
        }
        let pools: Vec<_> = method
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_api_gateway_authorizer"))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| a.get("provider_arns").and_then(|p| pools_of(m, p).ok()))
            .flatten()
            .collect();
        let m2m: Vec<_> = pools
            .iter()
            .flat_map(|p| clients.get(&p.address).into_iter().flatten().copied())
            .filter(|c| is_m2m(c))
            .collect();
        let Some(c) = m2m.first() else { continue };
        let route = rest_route(m, method);
        finding(&META, method, format!(
                "{route} uses the Cognito authorizer without authorization_scopes, so API Gateway expects an ID token; client_credentials client {} only ever gets access tokens, so its calls get 401", c.address))
                .at(method.span("authorization"))
                .related(related(c, "allowed_oauth_flows", "client_credentials client of the pool"))
                .help("set authorization_scopes to the scopes the client may request (aws_cognito_resource_server.<name>.scope_identifiers)")
                .push(out);
    }
}
