use crate::model::view::{State, UserPoolDomain};
use crate::rules::context::Cx;

rule!(
    Error,
    "A Cognito domain is either a valid prefix or a custom domain with a certificate"
);

fn check(cx: &mut Cx) {
    for d in cx.m.all::<UserPoolDomain>() {
        let dg = d.domain();
        let domain = match &dg.state {
            State::Known(s, _) => *s,
            State::Unknown(_) => {
                cx.cannot_verify(
                    &dg,
                    format!("the domain of {}", d.address),
                    "make the domain known at plan time",
                );
                continue;
            }
            State::Default(_) | State::Absent => continue,
        };
        let cert = d.certificate_arn();
        if domain.contains('.') {
            if !cert.is_set() {
                cx.report(&dg, dg.val(), format!("{domain} is a custom domain (it has a dot) but {} sets no certificate_arn; Cognito rejects it", d.address))
                    .help("set certificate_arn to an ISSUED ACM certificate in us-east-1 that covers the domain, or use a prefix without dots")
                    .emit(cx);
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
            cx.report(&dg, dg.val(), format!("prefix domain \"{domain}\" is not valid: Cognito accepts 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen"))
                .help("use a prefix such as \"shop-login\"")
                .emit(cx);
            continue;
        }
        if let Some(word) = ["aws", "amazon", "cognito"]
            .into_iter()
            .find(|w| domain.contains(w))
        {
            cx.report(&dg, dg.val(), format!("prefix domain \"{domain}\" contains the reserved word {word}; Cognito rejects it (\"Domain cannot contain reserved word: {word}\")"))
                .help("choose a prefix without aws, amazon or cognito")
                .emit(cx);
            continue;
        }
        if cert.is_set() {
            cx.report(&cert, cert.val(), format!("prefix domain \"{domain}\" sets certificate_arn, which only custom domains use; Cognito rejects the combination"))
                .help("remove certificate_arn, or use a full custom domain name")
                .emit(cx);
        }
    }
}
