use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Note,
    "A user pool whose clients use OAuth flows needs a domain"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let domains = by_pool(m, "aws_cognito_user_pool_domain");
    let mut seen = std::collections::BTreeSet::new();
    for c in m.resources_of("aws_cognito_user_pool_client") {
        let Ok(fl) = flows(c) else { continue };
        if fl.is_empty() {
            continue;
        }
        let Some(pid) = c.get("user_pool_id") else {
            continue;
        };
        for p in m.links(pid, "aws_cognito_user_pool") {
            if domains.contains_key(&p.address) || !seen.insert(p.address.clone()) {
                continue;
            }
            if m.resources_of("aws_cognito_user_pool_domain").any(|d| {
                d.get("user_pool_id").is_some_and(|v| {
                    v.is_unknown() && m.links(v, "aws_cognito_user_pool").is_empty()
                })
            }) {
                continue; // a domain whose pool is not known: cannot tell
            }
            finding(&META, c, format!("cannot verify that user pool {} has a domain: it has OAuth clients but no aws_cognito_user_pool_domain in this configuration; the token endpoint lives at https://<domain>/oauth2/token, so clients cannot get tokens", p.address))
                    .at(c.span("allowed_oauth_flows"))
                    .related(crate::finding::Related { message: "user pool without a domain".into(), resource: p.address.clone(), location: p.span })
                    .help("add an aws_cognito_user_pool_domain (a prefix or a custom domain) for the pool, or ignore this if the domain is managed elsewhere")
                    .push(out);
        }
    }
}
