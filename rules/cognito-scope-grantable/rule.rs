use crate::model::cognito::{
    Issuer, ScopeIndex, by_user_pool, defined_scopes, element, issuer_pools, pools_of, written,
};
use crate::model::rest::Authorization;
use crate::model::view::{Got, HttpRoute, RestMethod, State, UserPool, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::{is_builtin, names, origins_text, related};
use crate::value::Val;

rule!(
    Note,
    "Some app client of the pool must be allowed to request a scope the method or route requires"
);

/// A method or route with scopes: how messages name it, its pools, its scopes.
type Target<'a> = (String, Vec<UserPool<'a>>, Got<'a, Vec<&'a Val>>);

/// True when a scope list may require something (not unset, not known empty).
fn may_require(scopes: &Got<'_, Vec<&Val>>) -> bool {
    match &scopes.state {
        State::Known(l, _) => !l.is_empty(),
        State::Unknown(_) => true,
        State::Default(_) | State::Absent => false,
    }
}

fn check(cx: &mut Cx) {
    let m = cx.m;
    let servers = ScopeIndex::new(m).by_pool;
    let clients = by_user_pool::<UserPoolClient>(m);
    let mut targets: Vec<Target> = Vec::new();
    for method in m.all::<RestMethod>() {
        let auth = method.authorization();
        match &auth.state {
            State::Known(Authorization::CognitoUserPools, _) => {}
            State::Unknown(_) => {
                if may_require(&method.authorization_scopes()) {
                    cx.cannot_verify(
                        &auth,
                        format!("whether {} uses a Cognito authorizer", method.route(m)),
                        "make authorization known at plan time",
                    );
                }
                continue;
            }
            _ => continue,
        }
        let pools: Vec<_> = method
            .linked_authorizers(m)
            .into_iter()
            .filter_map(|a| a.provider_arns().val().and_then(|p| pools_of(m, p).ok()))
            .flatten()
            .collect();
        targets.push((method.route(m), pools, method.authorization_scopes()));
    }
    for route in m.all::<HttpRoute>() {
        let jwt = route.is_jwt();
        let subject = format!(
            "route {}",
            route.route_key().known().copied().unwrap_or("?")
        );
        match &jwt.state {
            State::Known(true, _) => {}
            State::Unknown(_) => {
                if may_require(&route.authorization_scopes()) {
                    cx.cannot_verify(
                        &jwt,
                        format!("whether {subject} uses a JWT authorizer"),
                        "make authorization_type known at plan time",
                    );
                }
                continue;
            }
            _ => continue,
        }
        let auths = route.authorizers(m);
        let pools = match auths
            .first()
            .and_then(|a| written(&a.issuer()))
            .map(|i| issuer_pools(m, i))
        {
            Some(Issuer::Pools(p)) => p,
            _ => vec![],
        };
        targets.push((subject, pools, route.authorization_scopes()));
    }
    for (subject, pools, scopes_got) in targets {
        if pools.is_empty() {
            continue; // the scope-defined rules say why
        }
        let scopes = match &scopes_got.state {
            State::Known(l, _) => l,
            State::Unknown(_) => {
                cx.cannot_verify(
                    &scopes_got,
                    format!("that any client may request the scopes of {subject}"),
                    "make authorization_scopes known at plan time",
                );
                continue;
            }
            State::Default(_) | State::Absent => continue,
        };
        if let Some(u) = scopes.iter().find(|s| s.as_str().is_none()) {
            cx.cannot_verify(
                &element(&scopes_got, u),
                format!("that any client may request the scopes of {subject}"),
                "make authorization_scopes known at plan time",
            );
            continue;
        }
        let scopes: Vec<&str> = scopes.iter().filter_map(|s| s.as_str()).collect();
        if scopes.is_empty() {
            continue;
        }
        let defined = defined_scopes(&servers, &pools);
        if !scopes
            .iter()
            .any(|s| defined.known.contains(*s) || is_builtin(s))
        {
            continue; // undefined scopes are the scope-defined rules' finding
        }
        let pool_clients: Vec<UserPoolClient> = pools
            .iter()
            .flat_map(|p| clients.get(&p.address).into_iter().flatten().copied())
            .collect();
        if pool_clients.is_empty() {
            cx.report(&scopes_got, None, format!("cannot verify that any client can call {subject}: user pool {} has no app client in this configuration", names(&pools)))
                .help("declare the app clients in this configuration, or accept this note")
                .note()
                .emit(cx);
            continue;
        }
        let mut unknown = Vec::new();
        let mut granted = false;
        for c in &pool_clients {
            let allowed = c.allowed_oauth_scopes();
            match &allowed.state {
                State::Known(l, _) => {
                    for s in l {
                        match s.as_str() {
                            Some(x) if scopes.contains(&x) => granted = true,
                            Some(_) => {}
                            None => unknown.extend(s.origins()),
                        }
                    }
                }
                State::Unknown(v) => unknown.extend(v.origins()),
                State::Default(_) | State::Absent => {}
            }
        }
        if granted {
            continue;
        }
        let mut b = if unknown.is_empty() {
            cx.report(&scopes_got, None, format!(
                "{subject} requires one of {}, but no app client of user pool {} may request any of them; every token is refused (401)",
                scopes.join(", "), names(&pools)))
                .help("add one of these scopes to the allowed_oauth_scopes of the client that calls this API")
        } else {
            cx.report(
                &scopes_got,
                None,
                format!(
                    "cannot verify that any client may request the scopes of {subject}: {}",
                    origins_text(&unknown)
                ),
            )
            .help("make the clients' allowed_oauth_scopes known at plan time")
            .note()
        };
        for c in pool_clients.iter().take(5) {
            b = b.related(related(
                c.0,
                c.allowed_oauth_scopes().attr,
                "app client of the pool",
            ));
        }
        b.emit(cx);
    }
}
