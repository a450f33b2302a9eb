use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A Cognito domain is either a valid prefix or a custom domain with a certificate"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for d in m.resources_of("aws_cognito_user_pool_domain") {
        let Some(dv) = d.get("domain") else { continue };
        let Some(domain) = dv.as_str() else { continue };
        let cert = d.get("certificate_arn").filter(|v| !v.is_null());
        if domain.contains('.') {
            if cert.is_none() {
                finding(&META, d, format!("{domain} is a custom domain (it has a dot) but {} sets no certificate_arn; Cognito rejects it", d.address))
                        .place(place(d, "domain", Some(dv)))
                        .help("set certificate_arn to an ISSUED ACM certificate in us-east-1 that covers the domain, or use a prefix without dots")
                        .push(out);
            }
            continue;
        }
        let valid = !domain.is_empty()
            && domain.len() <= 63
            && domain
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !domain.starts_with('-')
            && !domain.ends_with('-');
        if !valid {
            finding(&META, d, format!("prefix domain \"{domain}\" is not valid: Cognito accepts 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen"))
                    .place(place(d, "domain", Some(dv)))
                    .help("use a prefix such as \"shop-login\"")
                    .push(out);
            continue;
        }
        if let Some(word) = ["aws", "amazon", "cognito"]
            .into_iter()
            .find(|w| domain.contains(w))
        {
            finding(&META, d, format!("prefix domain \"{domain}\" contains the reserved word {word}; Cognito rejects it (\"Domain cannot contain reserved word: {word}\")"))
                    .place(place(d, "domain", Some(dv)))
                    .help("choose a prefix without aws, amazon or cognito")
                    .push(out);
            continue;
        }
        if let Some(c) = cert {
            finding(&META, d, format!("prefix domain \"{domain}\" sets certificate_arn, which only custom domains use; Cognito rejects the combination"))
                    .place(place(d, "certificate_arn", Some(c)))
                    .help("remove certificate_arn, or use a full custom domain name")
                    .push(out);
        }
    }
}
