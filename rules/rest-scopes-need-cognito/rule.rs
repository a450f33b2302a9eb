use crate::model::rest::Authorization;
use crate::model::view::{RestMethod, State};
use crate::rules::context::Cx;
use crate::rules::support::{origins_text, related};

rule!(
    Error,
    "authorization_scopes on a REST method require authorization = COGNITO_USER_POOLS"
);

fn check(cx: &mut Cx) {
    for method in cx.m.all::<RestMethod>() {
        let scopes = method.authorization_scopes();
        let auth = method.authorization();
        match &scopes.state {
            State::Known(l, _) if !l.is_empty() => {}
            // unknown scopes matter only on a method that is known not to be Cognito
            State::Unknown(_)
                if auth
                    .known()
                    .is_some_and(|a| *a != Authorization::CognitoUserPools) =>
            {
                let route = method.route(cx.m);
                cx.cannot_verify(
                    &scopes,
                    format!(
                        "whether {route} sets authorization_scopes with authorization {}",
                        auth.known().map_or("", |a| a.as_str())
                    ),
                    "make authorization_scopes known at plan time",
                );
                continue;
            }
            _ => continue,
        }
        let route = method.route(cx.m);
        match &auth.state {
            State::Known(Authorization::CognitoUserPools, _) => {}
            State::Unknown(a) if a.is_unknown() => cx
                .report(
                    &auth,
                    None,
                    format!(
                        "cannot verify that {route} may carry scopes: authorization is not known ({})",
                        origins_text(&a.origins())
                    ),
                )
                .help("make authorization known at plan time")
                .note()
                .emit(cx),
            _ => {
                let kind = match &auth.state {
                    State::Known(a, _) => a.as_str(),
                    _ => "(unset)",
                };
                cx.report(&scopes, None, format!(
                        "{route} sets authorization_scopes but its authorization is {kind}; API Gateway rejects this (\"Authorization Scopes are only valid for COGNITO_USER_POOLS authorization type\") and the scopes would protect nothing"))
                        .related(related(auth.res, auth.attr, "authorization type set here"))
                        .help("set authorization = \"COGNITO_USER_POOLS\" with a Cognito authorizer, or remove authorization_scopes (e.g. from OPTIONS methods)")
                        .emit(cx);
            }
        }
    }
}
