use crate::model::http::{RouteAuthorization, related_at};
use crate::model::view::{HttpRoute, State};
use crate::rules::context::Cx;
use crate::rules::support::origins_text;

rule!(
    Error,
    "authorization_scopes on an HTTP API route require authorization_type = JWT"
);

fn check(cx: &mut Cx) {
    for route in cx.m.all::<HttpRoute>() {
        let scopes = route.authorization_scopes();
        let kind = route.authorization_type();
        let key = route.route_key().into_known().unwrap_or("?");
        match &scopes.state {
            State::Known(l, _) if !l.is_empty() => {}
            State::Unknown(_) => {
                // only a route that is known not to be JWT could be wrong
                if kind.known().is_some_and(|k| *k != RouteAuthorization::Jwt) {
                    cx.cannot_verify(
                        &scopes,
                        format!("whether route {key} sets authorization_scopes"),
                        "make authorization_scopes known at plan time",
                    );
                }
                continue;
            }
            _ => continue,
        }
        match &kind.state {
            State::Known(RouteAuthorization::Jwt, _) => {}
            State::Unknown(v) if v.is_unknown() => cx
                .report(
                    &kind,
                    None,
                    format!(
                        "cannot verify that route {key} may carry scopes: authorization_type is not known ({})",
                        origins_text(&v.origins())
                    ),
                )
                .help("make authorization_type known at plan time")
                .note()
                .emit(cx),
            state => {
                let written = match state {
                    State::Known(k, _) => k.as_str(),
                    _ => "NONE (the default)",
                };
                let mut f = cx
                    .report(&scopes, None, format!(
                        "route {key} sets authorization_scopes but its authorization_type is {written}; API Gateway rejects this (\"Authorization Scopes are only valid for COGNITO_USER_POOLS and JWT authorization types\") and the route stays open"))
                    .help("set authorization_type = \"JWT\" and authorizer_id to a JWT authorizer, or remove authorization_scopes");
                if kind.is_set() || kind.attr_span().is_some() {
                    f = f.related(related_at(&kind, "authorization type set here"));
                }
                f.emit(cx);
            }
        }
    }
}
