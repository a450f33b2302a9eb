use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "authorization_scopes on an HTTP API route require authorization_type = JWT"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for route in m.resources_of("aws_apigatewayv2_route") {
        let Some(Ok(scopes)) = list(route, "authorization_scopes") else {
            continue;
        };
        if scopes.is_empty() {
            continue;
        }
        let key = route.str("route_key").unwrap_or("?");
        match route.get("authorization_type") {
                Some(a) if a.as_str() == Some("JWT") => {}
                Some(a) if a.is_unknown() => finding(&META, route, format!("cannot verify that route {key} may carry scopes: authorization_type is not known ({})", origins_text(&a.origins())))
                    .at(route.span("authorization_type"))
                    .help("make authorization_type known at plan time")
                    .note()
                    .push(out),
                a => {
                    let kind = a.and_then(|a| a.as_str()).unwrap_or("NONE (the default)");
                    let mut f = finding(&META, route, format!(
                        "route {key} sets authorization_scopes but its authorization_type is {kind}; API Gateway rejects this (\"Authorization Scopes are only valid for COGNITO_USER_POOLS and JWT authorization types\") and the route stays open"))
                        .at(route.span("authorization_scopes"))
                        .help("set authorization_type = \"JWT\" and authorizer_id to a JWT authorizer, or remove authorization_scopes");
                    if a.is_some() {
                        f = f.related(related(route, "authorization_type", "authorization type set here"));
                    }
                    f.push(out);
                }
            }
    }
}
