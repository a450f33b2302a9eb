use crate::model::cognito::{Issuer, issuer_pools};
use crate::model::http::{HttpAuthorizerType, related_at, related_block};
use crate::model::norm_host;
use crate::model::view::{HttpAuthorizer, State, UserPoolDomain};
use crate::rules::context::Cx;
use crate::rules::support::origins_text;

rule!(
    Error,
    "A JWT authorizer's issuer must be exactly https://cognito-idp.<region>.amazonaws.com/<pool id>"
);

fn check(cx: &mut Cx) {
    use crate::value::{Part, V};
    let m = cx.m;
    let custom_domains: Vec<(String, UserPoolDomain)> = m
        .all::<UserPoolDomain>()
        .filter_map(|d| d.domain().into_known().map(|x| (norm_host(x), d)))
        .collect();
    for a in m.all::<HttpAuthorizer>() {
        let kind = a.kind();
        match &kind.state {
            State::Known(HttpAuthorizerType::Jwt, _) => {}
            State::Unknown(_) => {
                cx.cannot_verify(
                    &kind,
                    format!("whether {} is a JWT authorizer", a.address),
                    "make authorizer_type known at plan time",
                );
                continue;
            }
            _ => continue,
        }
        let issuer = a.issuer();
        // an issuer written as null is checked too (it names no pool)
        let Some(iss) = a.issuer_as_written() else {
            continue;
        };
        let parts: Vec<Part> = match &iss.v {
            V::Str(s) => vec![Part::Lit(s.clone())],
            V::Template(p) => p.clone(),
            _ => vec![Part::Unknown(iss.origins())],
        };
        let text: String = parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) => s.clone(),
                Part::Unknown(_) => "\u{1}".to_string(),
            })
            .collect();
        let origins = iss.origins();
        let domain_origin = origins.iter().find_map(|o| {
            m.origin_resource(o)
                .and_then(|r| m.view::<UserPoolDomain>(r))
        });
        let host = text
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or("")
            .to_string();
        let domain_literal = custom_domains
            .iter()
            .find(|(d, _)| *d == norm_host(&host))
            .map(|(_, r)| *r);
        let bad = |msg: String, fix: &str, rel: Option<UserPoolDomain>, cx: &mut Cx| {
            let mut f = cx.report(&issuer, Some(iss), format!("{msg}; API Gateway compares the token's iss claim exactly and fetches the keys from <issuer>/.well-known/jwks.json, so every request gets 401"))
                    .help(fix.to_string());
            if let Some(d) = rel {
                f = f.related(related_at(&d.domain(), "the Cognito domain"));
            }
            f.emit(cx);
        };
        let fix = "issuer = \"https://${aws_cognito_user_pool.<name>.endpoint}\"";
        if let Some(d) = domain_origin.or(domain_literal) {
            bad(
                format!(
                    "the issuer of {} is the Cognito domain {host}, not the user pool's issuer https://cognito-idp.<region>.amazonaws.com/<pool id>",
                    a.address
                ),
                fix,
                Some(d),
                cx,
            );
            continue;
        }
        if matches!(iss.v, V::Unknown(_)) {
            // a plan keeps only a template's references, not its literal text (scheme, slashes)
            cx.report(&issuer, Some(iss), format!("cannot verify the form of the issuer of {} (https://, no trailing slash): its text is not known here ({}); lint the .tf files, or pass --source with the plan", a.address, origins_text(&iss.origins())))
                    .help(fix)
                    .note()
                    .emit(cx);
            continue;
        }
        if text.contains(".amazoncognito.com") {
            bad(
                format!(
                    "the issuer of {} is a Cognito prefix domain, not the user pool's issuer https://cognito-idp.<region>.amazonaws.com/<pool id>",
                    a.address
                ),
                fix,
                None,
                cx,
            );
            continue;
        }
        let pools = match issuer_pools(m, iss) {
            Issuer::Pools(p) => p,
            Issuer::NotCognito => continue,
            Issuer::Unknown(o) => {
                if text.contains("cognito-idp") {
                    vec![]
                } else {
                    cx.report(
                        &issuer,
                        Some(iss),
                        format!(
                            "cannot verify the issuer of {}: {}",
                            a.address,
                            origins_text(&o)
                        ),
                    )
                    .help(fix)
                    .note()
                    .emit(cx);
                    continue;
                }
            }
        };
        if !text.starts_with("https://") {
            bad(
                format!(
                    "the issuer of {} does not start with https:// (aws_cognito_user_pool.endpoint has no scheme)",
                    a.address
                ),
                fix,
                None,
                cx,
            );
            continue;
        }
        if text.contains("/.well-known") {
            bad(
                format!(
                    "the issuer of {} includes the discovery path; the issuer ends at the pool id",
                    a.address
                ),
                fix,
                None,
                cx,
            );
            continue;
        }
        if text.ends_with('/') {
            bad(
                format!(
                    "the issuer of {} ends with a slash; Cognito's iss claim has none",
                    a.address
                ),
                fix,
                None,
                cx,
            );
            continue;
        }
        // the literal region in the URL against the pool's region and the pool id's prefix
        let url_region = text
            .strip_prefix("https://cognito-idp.")
            .and_then(|r| r.split(".amazonaws.com").next())
            .filter(|r| !r.contains('\u{1}') && !r.is_empty());
        let Some(url_region) = url_region else {
            continue;
        };
        let id_region = text
            .rsplit('/')
            .next()
            .and_then(|id| id.split_once('_'))
            .map(|(r, _)| r)
            .filter(|r| !r.contains('\u{1}'));
        if let Some(idr) = id_region
            && idr != url_region
        {
            bad(
                format!(
                    "the issuer of {} names region {url_region} but pool id region {idr}",
                    a.address
                ),
                fix,
                None,
                cx,
            );
            continue;
        }
        for p in &pools {
            if let Some(pr) = p.region.as_str()
                && pr != url_region
            {
                cx.report(&issuer, Some(iss), format!("the issuer of {} names region {url_region}, but user pool {} is in {pr}; tokens carry iss https://cognito-idp.{pr}.amazonaws.com/…, so every request gets 401", a.address, p.address))
                    .help(fix)
                    .related(related_block(p, format!("user pool in {pr}")))
                    .emit(cx);
            }
        }
    }
}
