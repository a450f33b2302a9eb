use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "client_credentials must be an app client's only OAuth flow"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for c in m.resources_of("aws_cognito_user_pool_client") {
        let Ok(fl) = flows(c) else { continue };
        if !fl.iter().any(|(s, _)| *s == "client_credentials") {
            continue;
        }
        for (name, v) in fl.iter().filter(|(s, _)| *s != "client_credentials") {
            finding(&META, c, format!(
                    "app client {} combines client_credentials with the {name} flow; Cognito rejects it (\"client_credentials flow can not be selected along with code flow or implicit flow\")", c.address))
                    .place(place(c, "allowed_oauth_flows", Some(v)))
                    .help("use one app client for client_credentials (machine to machine) and another for the user flows")
                    .push(out);
        }
    }
}
