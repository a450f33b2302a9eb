use crate::model::cognito::{OAuthFlow, written};
use crate::model::view::{State, UserPoolClient};
use crate::rules::context::Cx;

rule!(
    Error,
    "A client_credentials app client must have generate_secret = true"
);

fn check(cx: &mut Cx) {
    for c in cx.m.all::<UserPoolClient>() {
        let uses = c.uses_flow(OAuthFlow::ClientCredentials);
        let secret = c.generate_secret();
        match &uses.state {
            State::Known(true, _) => {}
            State::Unknown(_) => {
                if secret.known() != Some(&true) {
                    cx.cannot_verify(
                        &uses,
                        format!(
                            "whether app client {} uses the client_credentials flow (which needs a client secret)",
                            c.address
                        ),
                        "make allowed_oauth_flows known at plan time",
                    );
                }
                continue;
            }
            _ => continue,
        }
        match &secret.state {
            State::Known(true, _) => {}
            State::Unknown(v) if v.is_unknown() => cx.cannot_verify(
                &secret,
                format!("that client_credentials client {} has a secret", c.address),
                "set generate_secret = true",
            ),
            _ => {
                // where it is written (even as null), else where the flow is chosen
                let v = written(&secret);
                let flows = c.oauth_flows().map(|_| ());
                let at = if v.is_some() {
                    secret.map(|_| ())
                } else {
                    flows
                };
                // written as null: the provider's default (false) for a new client, but the
                // usual way to keep an imported client (that has a secret) from being replaced
                if v.is_some_and(|x| x.is_null()) {
                    cx.report(&at, v, format!(
                        "app client {} allows client_credentials with generate_secret = null: a client created from this configuration has no secret and Cognito rejects it (\"client_credentials flow can not be selected if client does not have a client secret\"); an imported client keeps the secret it has", c.address))
                        .help("set generate_secret = true for a client Terraform creates")
                        .note()
                        .emit(cx);
                    continue;
                }
                cx.report(&at, v, format!(
                    "app client {} allows client_credentials but has no client secret; Cognito rejects it (\"client_credentials flow can not be selected if client does not have a client secret\")", c.address))
                    .help("set generate_secret = true (it forces a new client, so the client id changes)")
                    .emit(cx);
            }
        }
    }
}
