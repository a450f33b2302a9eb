use crate::model::cognito::{Issuer, browser_client, by_user_pool, issuer_pools};
use crate::model::http::{RouteAuthorization, related_at};
use crate::model::view::{HttpRoute, UserPoolClient};
use crate::rules::context::Cx;

rule!(
    Note,
    "A JWT-protected catch-all HTTP route needs CORS configuration or an open OPTIONS route for browsers"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let clients = by_user_pool::<UserPoolClient>(m);
    for r in m.all::<HttpRoute>() {
        let key = r.route_key();
        let kind = r.authorization_type();
        // an OPTIONS route that requires a JWT, on an API without CORS configuration: the route
        // exists for preflights, which never carry a token (in an OpenAPI body, the document's
        // `security` covers OPTIONS operations that do not override it)
        if key.known().is_some_and(|k| k.starts_with("OPTIONS "))
            && kind.known() == Some(&RouteAuthorization::Jwt)
            && let Some(api) = r.apis(m).first()
            && !api.cors_configuration().is_unknown()
            && api
                .cors_configuration()
                .known()
                .is_none_or(|i| i.is_empty())
        {
            let fix = if r.from_body() {
                "give the OPTIONS operation `security: []`, or declare x-amazon-apigateway-cors (API Gateway then answers preflights)"
            } else {
                "set authorization_type = \"NONE\" on the OPTIONS route, or add cors_configuration to the API"
            };
            cx.report(&kind, None, format!("route {} requires a JWT; browsers send the CORS preflight without a token, so it gets 401 and the call fails as a CORS error ({} has no CORS configuration to answer preflights)", key.known().copied().unwrap_or("?"), api.address))
                .help(fix)
                .severity(crate::finding::Severity::Error)
                .emit(cx);
            continue;
        }
        let catch_all = key.test(|k| *k == "$default" || k.starts_with("ANY "));
        let jwt = kind.test(|k| *k == RouteAuthorization::Jwt);
        if catch_all == Some(false) || jwt == Some(false) {
            continue;
        }
        let apis = r.apis(m);
        let Some(api) = apis.first() else { continue };
        if api
            .cors_configuration()
            .known()
            .is_some_and(|i| !i.is_empty())
        {
            continue;
        }
        let open_options = m.all::<HttpRoute>().any(|o| {
            o.route_key()
                .known()
                .is_some_and(|k| k.starts_with("OPTIONS "))
                && o.apis(m).iter().any(|a| a.address == api.address)
                // an unknown authorization type counts as open
                && o.authorization_type().test(|k| *k == RouteAuthorization::None) != Some(false)
        });
        if open_options {
            continue;
        }
        let pools = match r
            .authorizers(m)
            .first()
            .and_then(|a| a.issuer().val())
            .map(|i| issuer_pools(m, i))
        {
            Some(Issuer::Pools(p)) => p,
            _ => continue,
        };
        let Some(web) = browser_client(&clients, &pools) else {
            continue;
        };
        // everything else says the preflight fails: only the route's own values are unknown
        if jwt.is_none() {
            cx.cannot_verify(
                &kind,
                format!("whether route {} requires a JWT", r.address),
                "make authorization_type known at plan time",
            );
            continue;
        }
        let Some(k) = key.known() else {
            cx.cannot_verify(
                &key,
                format!("whether route {} is a catch-all route", r.address),
                "make route_key known at plan time",
            );
            continue;
        };
        cx.report(&key, None, format!("route {k} requires a JWT and {} has no cors_configuration or open OPTIONS route, while {} signs users in from a browser; the preflight gets 401 and browsers report a CORS error", api.address, web.address))
            .related(related_at(&web.callback_urls(), "browser client"))
            .help("add cors_configuration to the API (API Gateway then answers preflights), or an OPTIONS /{proxy+} route with authorization NONE")
            .emit(cx);
    }
}
