use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "A Cognito REST authorizer reads the token from exactly one request header"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
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
