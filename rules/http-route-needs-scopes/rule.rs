use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "JWT routes of a pool with client_credentials clients should require scopes"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let clients = by_pool(m, "aws_cognito_user_pool_client");
    for r in m.resources_of("aws_apigatewayv2_route") {
        if r.str("authorization_type") != Some("JWT") {
            continue;
        }
        match list(r, "authorization_scopes") {
            Some(Ok(l)) if !l.is_empty() => continue,
            Some(Err(_)) => continue,
            _ => {}
        }
        let auth = r
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_apigatewayv2_authorizer"))
            .unwrap_or_default();
        let Some(Issuer::Pools(pools)) = auth
            .first()
            .and_then(|a| a.get("jwt_configuration.0.issuer"))
            .map(|i| issuer_pools(m, i))
        else {
            continue;
        };
        let Some(c) = pools
            .iter()
            .flat_map(|p| clients.get(&p.address).cloned().unwrap_or_default())
            .find(|c| is_m2m(c))
        else {
            continue;
        };
        let key = r.str("route_key").unwrap_or("?");
        finding(&META, r, format!("route {key} requires a JWT but no scope; it accepts any token of the pool, ID tokens included, and cannot tell machine clients such as {} apart from signed-in users", c.address))
                .at(r.span("authorization_type"))
                .related(related(c, "allowed_oauth_scopes", "client_credentials client of the pool"))
                .help("set authorization_scopes to the scopes the route needs (aws_cognito_resource_server.<name>.scope_identifiers)")
                .push(out);
    }
}
