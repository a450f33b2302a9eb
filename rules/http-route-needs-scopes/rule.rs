use crate::model::cognito::{Issuer, by_user_pool, issuer_pools};
use crate::model::http::{RouteAuthorization, related_at};
use crate::model::view::{HttpRoute, State, UserPoolClient, linked};
use crate::rules::context::Cx;

rule!(
    Note,
    "JWT routes of a pool with client_credentials clients should require scopes"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let clients = by_user_pool::<UserPoolClient>(m);
    for r in m.all::<HttpRoute>() {
        let kind = r.authorization_type();
        let jwt = kind.test(|k| *k == RouteAuthorization::Jwt);
        if jwt == Some(false) {
            continue;
        }
        let scopes = r.authorization_scopes();
        match &scopes.state {
            State::Known(l, _) if !l.is_empty() => continue,
            _ => {}
        }
        let auth = r.authorizers(m).into_iter().next();
        let Some(Issuer::Pools(pools)) = auth
            .and_then(|a| a.issuer().val())
            .map(|i| issuer_pools(m, i))
        else {
            continue;
        };
        // a machine client the authorizer's audience admits (a client outside the audience is
        // refused whatever the scopes): known audience entries that name it, or an audience
        // that cannot be told
        let audience = auth.map(|a| a.audience());
        let admitted = |c: &UserPoolClient| match audience.as_ref().map(|g| &g.state) {
            Some(State::Known(items, _)) => items.iter().any(|it| {
                it.is_unknown() && linked::<UserPoolClient>(m, Some(it)).is_empty()
                    || linked::<UserPoolClient>(m, Some(it))
                        .iter()
                        .any(|x| x.address == c.address)
            }),
            _ => true,
        };
        let Some(c) = pools
            .iter()
            .flat_map(|p| clients.get(&p.address).cloned().unwrap_or_default())
            .find(|c| c.is_m2m() && admitted(c))
        else {
            continue;
        };
        // the pool has machine clients: only the route's own values are unknown
        if jwt.is_none() {
            cx.cannot_verify(
                &kind,
                format!("whether route {} requires a JWT", r.address),
                "make authorization_type known at plan time",
            );
            continue;
        }
        if scopes.is_unknown() {
            cx.cannot_verify(
                &scopes,
                format!("whether route {} requires a scope", r.address),
                "make authorization_scopes known at plan time",
            );
            continue;
        }
        let key = r.route_key().into_known().unwrap_or("?");
        cx.report(&kind, None, format!("route {key} requires a JWT but no scope: it accepts any token of the audience's clients, ID tokens included, so machine client {} (in the audience) and signed-in users get the same access; require a scope if they should not", c.address))
            .related(related_at(&c.allowed_oauth_scopes(), "client_credentials client of the pool"))
            .help("set authorization_scopes to the scopes the route needs (aws_cognito_resource_server.<name>.scope_identifiers)")
            .emit(cx);
    }
}
