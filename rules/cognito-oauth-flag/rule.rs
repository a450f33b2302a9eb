use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "An app client with OAuth settings needs allowed_oauth_flows_user_pool_client = true"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for c in m.resources_of("aws_cognito_user_pool_client") {
        let set = [
            "allowed_oauth_flows",
            "allowed_oauth_scopes",
            "callback_urls",
            "logout_urls",
        ]
        .into_iter()
        .find(|a| match list(c, a) {
            Some(Ok(l)) => !l.is_empty(),
            Some(Err(_)) => true,
            None => false,
        });
        let Some(set) = set else { continue };
        match c.get("allowed_oauth_flows_user_pool_client") {
            Some(v) if v.as_bool() == Some(true) => {}
            Some(v) if v.is_unknown() => finding(
                &META,
                c,
                format!(
                    "cannot verify allowed_oauth_flows_user_pool_client of {}: {}",
                    c.address,
                    origins_text(&v.origins())
                ),
            )
            .place(place(c, "allowed_oauth_flows_user_pool_client", Some(v)))
            .help("set allowed_oauth_flows_user_pool_client = true")
            .note()
            .push(out),
            v => {
                let state = if v.is_some() {
                    "false"
                } else {
                    "unset (false)"
                };
                let mut f = finding(&META, c, format!(
                        "app client {} sets {set} but allowed_oauth_flows_user_pool_client is {state}; the OAuth settings are inactive and /oauth2/token answers invalid_grant or unauthorized_client", c.address))
                        .help("set allowed_oauth_flows_user_pool_client = true");
                f = match v {
                    Some(v) => f
                        .place(place(c, "allowed_oauth_flows_user_pool_client", Some(v)))
                        .related(related(c, set, format!("{set} set here"))),
                    None => f.at(c.span(set)),
                };
                f.push(out);
            }
        }
    }
}
