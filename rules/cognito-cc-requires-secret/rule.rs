use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;
use crate::rules::{Meta, Rule};

pub struct R;
pub static RULE: R = R;
static META: Meta = Meta {
    id: "cognito-cc-requires-secret",
    severity: Severity::Error,
    title: "A client_credentials app client must have generate_secret = true",
    docs: include_str!("README.md"),
};

impl Rule for R {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, m: &Model, out: &mut Vec<Finding>) {
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
}
