use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "App client scopes must be defined by a resource server of the client's own user pool"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let servers = ScopeIndex::new(m);
    for client in m.resources_of("aws_cognito_user_pool_client") {
        match list(client, "allowed_oauth_scopes") {
            None => continue,
            Some(Ok(l)) if l.is_empty() => continue,
            _ => {}
        }
        let Some(pool_id) = client.get("user_pool_id") else {
            continue;
        };
        let subject = format!("app client {}", client.address);
        match pools_of(m, pool_id) {
                Ok(pools) => check_defined(&META, client, "allowed_oauth_scopes", &subject, &pools, &servers, true, out),
                Err(o) => finding(&META, client, format!("cannot verify the scopes of {subject}: its user pool is not in this configuration ({})", origins_text(&o)))
                    .at(client.span("user_pool_id"))
                    .help("reference the pool: user_pool_id = aws_cognito_user_pool.<name>.id")
                    .note()
                    .push(out),
            }
    }
}
