use crate::model::cognito::{OAuthFlow, element};
use crate::model::view::{State, UserPoolClient};
use crate::rules::context::Cx;

rule!(
    Error,
    "client_credentials must be an app client's only OAuth flow"
);

fn check(cx: &mut Cx) {
    for c in cx.m.all::<UserPoolClient>() {
        let flows = c.oauth_flows();
        let uses = c.uses_flow(OAuthFlow::ClientCredentials);
        match &uses.state {
            State::Known(true, _) => {}
            State::Unknown(_) => {
                // an unknown list, or an unknown element beside other flows, may combine them
                let could = match flows.known() {
                    None => true,
                    Some(l) => l.len() >= 2,
                };
                if could {
                    cx.cannot_verify(
                        &uses,
                        format!(
                            "whether app client {} combines client_credentials with another flow",
                            c.address
                        ),
                        "make allowed_oauth_flows known at plan time",
                    );
                }
                continue;
            }
            _ => continue,
        }
        let Some(items) = flows.known() else { continue };
        for it in items {
            match &it.known {
                Some(OAuthFlow::ClientCredentials) => {}
                Some(name) => cx.report(&flows, Some(it.val), format!(
                    "app client {} combines client_credentials with the {name} flow; Cognito rejects it (\"client_credentials flow can not be selected along with code flow or implicit flow\")", c.address))
                    .help("use one app client for client_credentials (machine to machine) and another for the user flows")
                    .emit(cx),
                None => {
                    cx.cannot_verify(
                        &element(&flows, it.val),
                        format!(
                            "whether app client {} combines client_credentials with another flow",
                            c.address
                        ),
                        "make allowed_oauth_flows known at plan time",
                    );
                }
            }
        }
    }
}
