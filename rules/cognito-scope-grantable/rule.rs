use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "Some app client of the pool must be allowed to request a scope the method or route requires"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let servers = by_pool(m, "aws_cognito_resource_server");
    let clients = by_pool(m, "aws_cognito_user_pool_client");
    let mut targets = Vec::new();
    for method in m.resources_of("aws_api_gateway_method") {
        if method.str("authorization") != Some("COGNITO_USER_POOLS") {
            continue;
        }
        let pools: Vec<_> = method
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_api_gateway_authorizer"))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| a.get("provider_arns").and_then(|p| pools_of(m, p).ok()))
            .flatten()
            .collect();
        targets.push((method, rest_route(m, method), pools));
    }
    for route in m.resources_of("aws_apigatewayv2_route") {
        if route.str("authorization_type") != Some("JWT") {
            continue;
        }
        let auths = route
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_apigatewayv2_authorizer"))
            .unwrap_or_default();
        let pools = match auths
            .first()
            .and_then(|a| a.get("jwt_configuration.0.issuer"))
            .map(|i| issuer_pools(m, i))
        {
            Some(Issuer::Pools(p)) => p,
            _ => vec![],
        };
        targets.push((
            route,
            format!("route {}", route.str("route_key").unwrap_or("?")),
            pools,
        ));
    }
    for (res, subject, pools) in targets {
        if pools.is_empty() {
            continue; // the scope-defined rules say why
        }
        let Some(Ok(scopes)) = list(res, "authorization_scopes") else {
            continue;
        };
        let scopes: Option<Vec<&str>> = scopes.iter().map(|s| s.as_str()).collect();
        let Some(scopes) = scopes.filter(|s| !s.is_empty()) else {
            continue;
        };
        let defined = defined_scopes(&servers, &pools);
        if !scopes
            .iter()
            .any(|s| defined.known.contains(*s) || is_builtin(s))
        {
            continue; // undefined scopes are the scope-defined rules' finding
        }
        let pool_clients: Vec<_> = pools
            .iter()
            .flat_map(|p| clients.get(&p.address).into_iter().flatten().copied())
            .collect();
        if pool_clients.is_empty() {
            finding(&META, res, format!("cannot verify that any client can call {subject}: user pool {} has no app client in this configuration", names(&pools)))
                    .at(res.span("authorization_scopes"))
                    .help("declare the app clients in this configuration, or accept this note")
                    .note()
                    .push(out);
            continue;
        }
        let mut unknown = Vec::new();
        let mut granted = false;
        for c in &pool_clients {
            match list(c, "allowed_oauth_scopes") {
                Some(Ok(l)) => {
                    for s in l {
                        match s.as_str() {
                            Some(x) if scopes.contains(&x) => granted = true,
                            Some(_) => {}
                            None => unknown.extend(s.origins()),
                        }
                    }
                }
                Some(Err(v)) => unknown.extend(v.origins()),
                None => {}
            }
        }
        if granted {
            continue;
        }
        let b = if unknown.is_empty() {
            finding(&META, res, format!(
                    "{subject} requires one of {}, but no app client of user pool {} may request any of them; every token is refused (401)",
                    scopes.join(", "), names(&pools)))
                    .help("add one of these scopes to the allowed_oauth_scopes of the client that calls this API")
        } else {
            finding(
                &META,
                res,
                format!(
                    "cannot verify that any client may request the scopes of {subject}: {}",
                    origins_text(&unknown)
                ),
            )
            .help("make the clients' allowed_oauth_scopes known at plan time")
            .note()
        };
        let mut b = b.at(res.span("authorization_scopes"));
        for c in pool_clients.iter().take(5) {
            b = b.related(related(c, "allowed_oauth_scopes", "app client of the pool"));
        }
        b.push(out);
    }
}
