use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;
use crate::rules::{Meta, Rule};

pub struct R;
pub static RULE: R = R;
static META: Meta = Meta {
    id: "rest-authorizer-identity-source",
    severity: Severity::Warning,
    title: "A Cognito REST authorizer reads the token from exactly one request header",
    docs: include_str!("README.md"),
};

impl Rule for R {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, m: &Model, out: &mut Vec<Finding>) {
        for a in m.resources_of("aws_api_gateway_authorizer") {
            if a.str("type") != Some("COGNITO_USER_POOLS") {
                continue;
            }
            let Some(v) = a.get("identity_source") else {
                continue;
            };
            let Some(s) = v.as_str() else { continue };
            let ok = s.starts_with("method.request.header.")
                && !s.contains(',')
                && s.len() > "method.request.header.".len();
            if !ok {
                finding(&META, a, format!("identity_source of Cognito authorizer {} is \"{s}\"; a COGNITO_USER_POOLS authorizer reads the token from one header (method.request.header.<Name>), so requests get 401 before Cognito is consulted", a.address))
                    .place(place(a, "identity_source", Some(v)))
                    .help("use identity_source = \"method.request.header.Authorization\" (the default)")
                    .push(out);
            }
        }
    }
}
