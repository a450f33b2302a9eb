use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A JWT authorizer's audience must list app client ids of the issuer's pool"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let identifiers: Vec<(&str, &crate::model::Resource)> = m
        .resources_of("aws_cognito_resource_server")
        .filter_map(|r| r.str("identifier").map(|i| (i, r)))
        .collect();
    for a in m.resources_of("aws_apigatewayv2_authorizer") {
        if a.str("authorizer_type") != Some("JWT") {
            continue;
        }
        let Some(iss) = a.get("jwt_configuration.0.issuer") else {
            continue;
        };
        let Issuer::Pools(pools) = issuer_pools(m, iss) else {
            continue;
        };
        let attr = "jwt_configuration.0.audience";
        let items = match list(a, attr) {
            None => {
                finding(&META, a, format!("JWT authorizer {} has no audience; Cognito access tokens are checked by client_id against it, so every request gets 401", a.address))
                        .at(a.span("jwt_configuration.0").or(a.span)).help("set audience = [aws_cognito_user_pool_client.<name>.id]").push(out);
                continue;
            }
            Some(Err(v)) => {
                finding(
                    &META,
                    a,
                    format!(
                        "cannot verify the audience of {}: {}",
                        a.address,
                        origins_text(&v.origins())
                    ),
                )
                .place(place(a, attr, Some(v)))
                .help("list the client ids by reference")
                .note()
                .push(out);
                continue;
            }
            Some(Ok(items)) => items,
        };
        if items.is_empty() {
            finding(
                &META,
                a,
                format!(
                    "JWT authorizer {} has an empty audience; every request gets 401",
                    a.address
                ),
            )
            .at(a.span(attr))
            .help("set audience = [aws_cognito_user_pool_client.<name>.id]")
            .push(out);
            continue;
        }
        for it in items {
            let clients = m.links(it, "aws_cognito_user_pool_client");
            if !clients.is_empty() {
                for c in clients {
                    let cpools = c
                        .get("user_pool_id")
                        .map(|p| m.links(p, "aws_cognito_user_pool"))
                        .unwrap_or_default();
                    if !cpools.is_empty()
                        && !cpools
                            .iter()
                            .any(|p| pools.iter().any(|q| q.address == p.address))
                    {
                        finding(&META, a, format!("the audience of {} lists client {} of pool {}, but the issuer is pool {}; that client's tokens are refused", a.address, c.address, names(&cpools), names(&pools)))
                                .place(place(a, attr, Some(it)))
                                .related(related(c, "user_pool_id", "client of another pool"))
                                .help("list clients of the issuer's pool, or fix the issuer").push(out);
                    }
                }
                continue;
            }
            match it.as_str() {
                Some(s) => {
                    if let Some((_, rs)) = identifiers.iter().find(|(i, _)| *i == s) {
                        finding(&META, a, format!("the audience of {} lists \"{s}\", a resource server identifier; Cognito access tokens carry no aud, API Gateway checks their client_id against the audience, so every request gets 401 (\"the token does not have a valid audience\")", a.address))
                                .place(place(a, attr, Some(it)))
                                .related(related(rs, "identifier", "resource server identifier"))
                                .help("list app client ids: audience = [aws_cognito_user_pool_client.<name>.id]").push(out);
                    } else {
                        finding(&META, a, format!("cannot verify that \"{s}\" in the audience of {} is a client id of pool {}", a.address, names(&pools)))
                                .place(place(a, attr, Some(it))).help("reference the client: aws_cognito_user_pool_client.<name>.id").note().push(out);
                    }
                }
                None => finding(
                    &META,
                    a,
                    format!(
                        "cannot verify an audience entry of {}: {}",
                        a.address,
                        origins_text(&it.origins())
                    ),
                )
                .place(place(a, attr, Some(it)))
                .help("reference the client: aws_cognito_user_pool_client.<name>.id")
                .note()
                .push(out),
            }
        }
    }
}
