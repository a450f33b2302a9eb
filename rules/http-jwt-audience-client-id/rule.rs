use crate::model::cognito::{Issuer, issuer_pools};
use crate::model::http::{HttpAuthorizerType, addresses, related_at};
use crate::model::view::{HttpAuthorizer, ResourceServer, State, UserPoolClient, linked};
use crate::rules::context::Cx;
use crate::rules::support::{names, origins_text};

rule!(
    Error,
    "A JWT authorizer's audience must list app client ids of the issuer's pool"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let identifiers: Vec<(&str, ResourceServer)> = m
        .all::<ResourceServer>()
        .filter_map(|r| r.identifier().into_known().map(|i| (i, r)))
        .collect();
    for a in m.all::<HttpAuthorizer>() {
        let kind = a.kind();
        match &kind.state {
            State::Known(HttpAuthorizerType::Jwt, _) => {}
            State::Unknown(_) => {
                cx.cannot_verify(
                    &kind,
                    format!("whether {} is a JWT authorizer", a.address),
                    "make authorizer_type known at plan time",
                );
                continue;
            }
            _ => continue,
        }
        let Some(iss) = a.issuer().val() else {
            continue;
        };
        let Issuer::Pools(pools) = issuer_pools(m, iss) else {
            continue;
        };
        let aud = a.audience();
        let items = match &aud.state {
            State::Absent | State::Default(_) => {
                cx.report(&a.jwt_block(), None, format!("JWT authorizer {} has no audience; Cognito access tokens are checked by client_id against it, so every request gets 401", a.address))
                    .help("set audience = [aws_cognito_user_pool_client.<name>.id]")
                    .emit(cx);
                continue;
            }
            State::Unknown(_) => {
                cx.cannot_verify(
                    &aud,
                    format!("the audience of {}", a.address),
                    "list the client ids by reference",
                );
                continue;
            }
            State::Known(items, _) => items.clone(),
        };
        if items.is_empty() {
            cx.report(
                &aud,
                None,
                format!(
                    "JWT authorizer {} has an empty audience; every request gets 401",
                    a.address
                ),
            )
            .help("set audience = [aws_cognito_user_pool_client.<name>.id]")
            .emit(cx);
            continue;
        }
        for it in items {
            let clients: Vec<UserPoolClient> = linked(m, Some(it));
            if !clients.is_empty() {
                for c in clients {
                    let cpools = c.pools(m);
                    if !cpools.is_empty()
                        && !cpools
                            .iter()
                            .any(|p| pools.iter().any(|q| q.address == p.address))
                    {
                        cx.report(&aud, Some(it), format!("the audience of {} lists client {} of pool {}, but the issuer is pool {}; that client's tokens are refused", a.address, c.address, addresses(&cpools), names(&pools)))
                            .related(related_at(&c.user_pool_id(), "client of another pool"))
                            .help("list clients of the issuer's pool, or fix the issuer")
                            .emit(cx);
                    }
                }
                continue;
            }
            match it.as_str() {
                Some(s) => {
                    if let Some((_, rs)) = identifiers.iter().find(|(i, _)| *i == s) {
                        cx.report(&aud, Some(it), format!("the audience of {} lists \"{s}\", a resource server identifier; Cognito access tokens carry no aud, API Gateway checks their client_id against the audience, so every request gets 401 (\"the token does not have a valid audience\")", a.address))
                            .related(related_at(&rs.identifier(), "resource server identifier"))
                            .help("list app client ids: audience = [aws_cognito_user_pool_client.<name>.id]")
                            .emit(cx);
                    } else {
                        cx.report(&aud, Some(it), format!("cannot verify that \"{s}\" in the audience of {} is a client id of pool {}", a.address, names(&pools)))
                            .help("reference the client: aws_cognito_user_pool_client.<name>.id")
                            .note()
                            .emit(cx);
                    }
                }
                None => cx
                    .report(
                        &aud,
                        Some(it),
                        format!(
                            "cannot verify an audience entry of {}: {}",
                            a.address,
                            origins_text(&it.origins())
                        ),
                    )
                    .help("reference the client: aws_cognito_user_pool_client.<name>.id")
                    .note()
                    .emit(cx),
            }
        }
    }
}
