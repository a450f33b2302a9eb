use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "A JWT-protected catch-all HTTP route needs CORS configuration or an open OPTIONS route for browsers"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let clients = by_pool(m, "aws_cognito_user_pool_client");
    for r in m.resources_of("aws_apigatewayv2_route") {
        let Some(key) = r.str("route_key") else {
            continue;
        };
        if r.str("authorization_type") != Some("JWT")
            || !(key == "$default" || key.starts_with("ANY "))
        {
            continue;
        }
        let apis = r
            .get("api_id")
            .map(|v| m.links(v, "aws_apigatewayv2_api"))
            .unwrap_or_default();
        let Some(api) = apis.first() else { continue };
        if api
            .get("cors_configuration")
            .and_then(|c| c.items())
            .is_some_and(|i| !i.is_empty())
        {
            continue;
        }
        let open_options = m.resources_of("aws_apigatewayv2_route").any(|o| {
            o.str("route_key")
                .is_some_and(|k| k.starts_with("OPTIONS "))
                && o.get("api_id").is_some_and(|v| {
                    m.links(v, "aws_apigatewayv2_api")
                        .iter()
                        .any(|a| a.address == api.address)
                })
                && o.str("authorization_type").unwrap_or("NONE") == "NONE"
        });
        if open_options {
            continue;
        }
        let pools = match r
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_apigatewayv2_authorizer"))
            .unwrap_or_default()
            .first()
            .and_then(|a| a.get("jwt_configuration.0.issuer"))
            .map(|i| issuer_pools(m, i))
        {
            Some(Issuer::Pools(p)) => p,
            _ => continue,
        };
        let Some(web) = browser_clients(&clients, &pools) else {
            continue;
        };
        finding(&META, r, format!("route {key} requires a JWT and {} has no cors_configuration or open OPTIONS route, while {} signs users in from a browser; the preflight gets 401 and browsers report a CORS error", api.address, web.address))
                .at(r.span("route_key"))
                .related(related(web, "callback_urls", "browser client"))
                .help("add cors_configuration to the API (API Gateway then answers preflights), or an OPTIONS /{proxy+} route with authorization NONE")
                .push(out);
    }
}
