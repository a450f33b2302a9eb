use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A client_credentials app client must request custom scopes only, and at least one"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for c in m.resources_of("aws_cognito_user_pool_client") {
        if !is_m2m(c) {
            continue;
        }
        match list(c, "allowed_oauth_scopes") {
                Some(Err(v)) => finding(&META, c, format!("cannot verify the scopes of client_credentials client {}: {}", c.address, origins_text(&v.origins())))
                    .place(place(c, "allowed_oauth_scopes", Some(v)))
                    .help("make allowed_oauth_scopes known at plan time")
                    .note()
                    .push(out),
                None => finding(&META, c, format!("client_credentials client {} allows no scope; it can never get a token the API accepts", c.address))
                    .at(c.span("allowed_oauth_flows"))
                    .help("set allowed_oauth_scopes to custom scopes (aws_cognito_resource_server.<name>.scope_identifiers)")
                    .push(out),
                Some(Ok(items)) if items.is_empty() => finding(&META, c, format!("client_credentials client {} allows no scope; it can never get a token the API accepts", c.address))
                    .at(c.span("allowed_oauth_scopes"))
                    .help("set allowed_oauth_scopes to custom scopes (aws_cognito_resource_server.<name>.scope_identifiers)")
                    .push(out),
                Some(Ok(items)) => {
                    for v in items {
                        let Some(s) = v.as_str().filter(|s| is_builtin(s)) else { continue };
                        finding(&META, c, format!(
                            "client_credentials client {} allows the built-in scope {s}; Cognito rejects it (\"{s} is not supported with client_credentials flow\")", c.address))
                            .place(place(c, "allowed_oauth_scopes", Some(v)))
                            .help("keep only custom scopes (<resource server identifier>/<scope name>) on machine-to-machine clients")
                            .push(out);
                    }
                }
            }
    }
}
