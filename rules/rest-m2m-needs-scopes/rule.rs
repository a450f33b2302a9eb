use crate::model::cognito::{by_user_pool, machine_only};
use crate::model::rest::Authorization;
use crate::model::view::{RestMethod, State, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::related;

rule!(
    Error,
    "Cognito methods called by client_credentials clients must require scopes"
);

fn check(cx: &mut Cx) {
    let clients = by_user_pool::<UserPoolClient>(cx.m);
    for method in cx.m.all::<RestMethod>() {
        let auth = method.authorization();
        let auth_unknown = match auth.known() {
            Some(Authorization::CognitoUserPools) => false,
            Some(_) => continue,
            None if auth.is_unknown() => true,
            None => continue,
        };
        let scopes = method.authorization_scopes();
        let scopes_unknown = match &scopes.state {
            State::Known(l, _) if !l.is_empty() => continue,
            State::Unknown(_) => true,
            _ => false,
        };
        let pools: Vec<_> = method
            .linked_authorizers(cx.m)
            .into_iter()
            .filter_map(|a| a.trusted_pools(cx.m).and_then(Result::ok))
            .flatten()
            .collect();
        let m2m: Vec<_> = pools
            .iter()
            .flat_map(|p| clients.get(&p.address).into_iter().flatten().copied())
            .filter(|c| c.is_m2m())
            .collect();
        let Some(c) = m2m.first() else { continue };
        let route = method.route(cx.m);
        // a client_credentials client calls this method: what is not known decides it
        if auth_unknown {
            cx.cannot_verify(
                &auth,
                format!("whether {route}, called by client_credentials client {}, uses the Cognito authorizer", c.address),
                "make authorization known at plan time",
            );
            continue;
        }
        if scopes_unknown {
            cx.cannot_verify(
                &scopes,
                format!(
                    "whether {route}, called by client_credentials client {}, requires scopes",
                    c.address
                ),
                "make authorization_scopes known at plan time",
            );
            continue;
        }
        let flows = c.allowed_oauth_flows();
        if machine_only(&clients, &pools) {
            cx.report(&auth, None, format!(
                "{route} uses the Cognito authorizer without authorization_scopes, so API Gateway expects an ID token; every client of its user pool is a client_credentials client (such as {}), which only ever gets access tokens, so every call gets 401", c.address))
                .related(related(flows.res, flows.attr, "client_credentials client of the pool"))
                .help("set authorization_scopes to the scopes the client may request (aws_cognito_resource_server.<name>.scope_identifiers)")
                .emit(cx);
        } else {
            // the pool also has user clients: the method may be meant for their ID tokens
            cx.report(&auth, None, format!(
                "{route} uses the Cognito authorizer without authorization_scopes, so it accepts ID tokens only: the pool's user sign-in clients can call it, but client_credentials client {} (access tokens only) gets 401. If machines should call it, require scopes", c.address))
                .related(related(flows.res, flows.attr, "client_credentials client of the pool"))
                .help("set authorization_scopes to the scopes the client may request (aws_cognito_resource_server.<name>.scope_identifiers), or ignore this note if only signed-in users call the method")
                .note()
                .emit(cx);
        }
    }
}
