use crate::finding::Related;
use crate::model::cognito::by_user_pool;
use crate::model::view::{State, UserPoolClient, UserPoolDomain};
use crate::rules::context::Cx;

rule!(
    Note,
    "A user pool whose clients use OAuth flows needs a domain"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let domains = by_user_pool::<UserPoolDomain>(m);
    let mut seen = std::collections::BTreeSet::new();
    for c in m.all::<UserPoolClient>() {
        let flows = c.oauth_flows();
        // known flows; `None` when the list (or every element of it) is not known
        let any = match &flows.state {
            State::Known(items, _) if items.iter().any(|i| i.known.is_some()) => Some(true),
            State::Known(items, _) if items.is_empty() => Some(false),
            State::Known(..) | State::Unknown(_) => None,
            State::Default(_) | State::Absent => Some(false),
        };
        if any == Some(false) {
            continue;
        }
        for p in c.pools(m) {
            if domains.contains_key(&p.address) {
                continue;
            }
            if any.is_none() {
                cx.cannot_verify(
                    &flows,
                    format!(
                        "whether app client {} uses OAuth flows, which need a domain for user pool {}",
                        c.address, p.address
                    ),
                    "make allowed_oauth_flows known at plan time",
                );
                continue;
            }
            if !seen.insert(p.address.clone()) {
                continue;
            }
            // a domain whose pool is not known: cannot tell
            let unknown_pool = m
                .all::<UserPoolDomain>()
                .find(|d| d.user_pool_id().is_unknown() && d.pools(m).is_empty());
            if let Some(d) = unknown_pool {
                cx.cannot_verify(
                    &d.user_pool_id(),
                    format!("that user pool {} has a domain", p.address),
                    "reference the pool: user_pool_id = aws_cognito_user_pool.<name>.id",
                );
                continue;
            }
            cx.report(&flows, None, format!("cannot verify that user pool {} has a domain: it has OAuth clients but no aws_cognito_user_pool_domain in this configuration; the token endpoint lives at https://<domain>/oauth2/token, so clients cannot get tokens", p.address))
                .related(Related { message: "user pool without a domain".into(), resource: p.address.clone(), location: p.span })
                .help("add an aws_cognito_user_pool_domain (a prefix or a custom domain) for the pool, or ignore this if the domain is managed elsewhere")
                .emit(cx);
        }
    }
}
