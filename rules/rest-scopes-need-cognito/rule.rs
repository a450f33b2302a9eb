use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "authorization_scopes on a REST method require authorization = COGNITO_USER_POOLS"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for method in m.resources_of("aws_api_gateway_method") {
        let Some(Ok(scopes)) = list(method, "authorization_scopes") else {
            continue;
        };
        if scopes.is_empty() {
            continue;
        }
        let route = rest_route(m, method);
        match method.get("authorization") {
            Some(a) if a.as_str() == Some("COGNITO_USER_POOLS") => {}
            Some(a) if a.is_unknown() => finding(
                &META,
                method,
                format!(
                    "cannot verify that {route} may carry scopes: authorization is not known ({})",
                    origins_text(&a.origins())
                ),
            )
            .at(method.span("authorization"))
            .help("make authorization known at plan time")
            .note()
            .push(out),
            a => {
                let kind = a.and_then(|a| a.as_str()).unwrap_or("(unset)");
                finding(&META, method, format!(
                        "{route} sets authorization_scopes but its authorization is {kind}; API Gateway rejects this (\"Authorization Scopes are only valid for COGNITO_USER_POOLS authorization type\") and the scopes would protect nothing"))
                        .at(method.span("authorization_scopes"))
                        .related(related(method, "authorization", "authorization type set here"))
                        .help("set authorization = \"COGNITO_USER_POOLS\" with a Cognito authorizer, or remove authorization_scopes (e.g. from OPTIONS methods)")
                        .push(out);
            }
        }
    }
}
