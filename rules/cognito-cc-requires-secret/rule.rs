use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A client_credentials app client must have generate_secret = true"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for c in m.resources_of("aws_cognito_user_pool_client") {
        if !is_m2m(c) {
            continue;
        }
        match c.get("generate_secret") {
            Some(v) if v.as_bool() == Some(true) => {}
            Some(v) if v.is_unknown() => finding(
                &META,
                c,
                format!(
                    "cannot verify that client_credentials client {} has a secret: {}",
                    c.address,
                    origins_text(&v.origins())
                ),
            )
            .place(place(c, "generate_secret", Some(v)))
            .help("set generate_secret = true")
            .note()
            .push(out),
            v => {
                let at = if v.is_some() {
                    "generate_secret"
                } else {
                    "allowed_oauth_flows"
                };
                finding(&META, c, format!(
                        "app client {} allows client_credentials but has no client secret; Cognito rejects it (\"client_credentials flow can not be selected if client does not have a client secret\")", c.address))
                        .place(place(c, at, v))
                        .help("set generate_secret = true (it forces a new client, so the client id changes)")
                        .push(out);
            }
        }
    }
}
