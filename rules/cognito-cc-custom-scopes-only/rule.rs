use crate::model::cognito::{OAuthFlow, element};
use crate::model::view::{State, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::is_builtin;

rule!(
    Error,
    "A client_credentials app client must request custom scopes only, and at least one"
);

fn check(cx: &mut Cx) {
    for c in cx.m.all::<UserPoolClient>() {
        let uses = c.uses_flow(OAuthFlow::ClientCredentials);
        let scopes = c.allowed_oauth_scopes();
        match &uses.state {
            State::Known(true, _) => {}
            State::Unknown(_) => {
                // only custom scopes, and at least one, pass whatever the flows are
                let fine = scopes.known().is_some_and(|l| {
                    !l.is_empty() && l.iter().all(|v| v.as_str().is_some_and(|s| !is_builtin(s)))
                });
                if !fine {
                    cx.cannot_verify(
                        &uses,
                        format!(
                            "whether app client {} uses the client_credentials flow",
                            c.address
                        ),
                        "make allowed_oauth_flows known at plan time",
                    );
                }
                continue;
            }
            _ => continue,
        }
        match &scopes.state {
            State::Unknown(_) => cx.cannot_verify(
                &scopes,
                format!("the scopes of client_credentials client {}", c.address),
                "make allowed_oauth_scopes known at plan time",
            ),
            State::Absent | State::Default(_) => cx.report(&c.oauth_flows(), None, format!("client_credentials client {} allows no scope; it can never get a token the API accepts", c.address))
                .help("set allowed_oauth_scopes to custom scopes (aws_cognito_resource_server.<name>.scope_identifiers)")
                .emit(cx),
            State::Known(items, _) if items.is_empty() => cx.report(&scopes, None, format!("client_credentials client {} allows no scope; it can never get a token the API accepts", c.address))
                .help("set allowed_oauth_scopes to custom scopes (aws_cognito_resource_server.<name>.scope_identifiers)")
                .emit(cx),
            State::Known(items, _) => {
                for v in items {
                    match v.as_str() {
                        Some(s) if is_builtin(s) => cx.report(&scopes, Some(v), format!(
                            "client_credentials client {} allows the built-in scope {s}; Cognito rejects it (\"{s} is not supported with client_credentials flow\")", c.address))
                            .help("keep only custom scopes (<resource server identifier>/<scope name>) on machine-to-machine clients")
                            .emit(cx),
                        Some(_) => {}
                        None => cx.cannot_verify(
                            &element(&scopes, v),
                            format!("a scope of client_credentials client {}", c.address),
                            "make allowed_oauth_scopes known at plan time",
                        ),
                    }
                }
            }
        }
    }
}
