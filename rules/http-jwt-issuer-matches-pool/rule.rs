use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A JWT authorizer's issuer must be exactly https://cognito-idp.<region>.amazonaws.com/<pool id>"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    use crate::value::{Part, V};
    let custom_domains: Vec<(String, &crate::model::Resource)> = m
        .resources_of("aws_cognito_user_pool_domain")
        .filter_map(|d| d.str("domain").map(|x| (crate::model::norm_host(x), d)))
        .collect();
    for a in m.resources_of("aws_apigatewayv2_authorizer") {
        if a.str("authorizer_type") != Some("JWT") {
            continue;
        }
        let attr = "jwt_configuration.0.issuer";
        let Some(iss) = a.get(attr) else { continue };
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
                .filter(|r| r.rtype == "aws_cognito_user_pool_domain")
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
            .find(|(d, _)| *d == crate::model::norm_host(&host))
            .map(|(_, r)| *r);
        let bad = |msg: String,
                   fix: &str,
                   rel: Option<&crate::model::Resource>,
                   out: &mut Vec<Finding>| {
            let mut f = finding(&META, a, format!("{msg}; API Gateway compares the token's iss claim exactly and fetches the keys from <issuer>/.well-known/jwks.json, so every request gets 401"))
                    .place(place(a, attr, Some(iss)))
                    .help(fix.to_string());
            if let Some(r) = rel {
                f = f.related(related(r, "domain", "the Cognito domain"));
            }
            f.push(out);
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
                out,
            );
            continue;
        }
        if matches!(iss.v, V::Unknown(_)) {
            // a plan keeps only a template's references, not its literal text (scheme, slashes)
            finding(&META, a, format!("cannot verify the form of the issuer of {} (https://, no trailing slash): its text is not known here ({}); lint the .tf files, or pass --source with the plan", a.address, origins_text(&iss.origins())))
                    .place(place(a, attr, Some(iss)))
                    .help(fix)
                    .note()
                    .push(out);
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
                out,
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
                    finding(
                        &META,
                        a,
                        format!(
                            "cannot verify the issuer of {}: {}",
                            a.address,
                            origins_text(&o)
                        ),
                    )
                    .place(place(a, attr, Some(iss)))
                    .help(fix)
                    .note()
                    .push(out);
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
                out,
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
                out,
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
                out,
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
                out,
            );
            continue;
        }
        for p in &pools {
            if let Some(pr) = p.region.as_str()
                && pr != url_region
            {
                let mut f = finding(&META, a, format!("the issuer of {} names region {url_region}, but user pool {} is in {pr}; tokens carry iss https://cognito-idp.{pr}.amazonaws.com/…, so every request gets 401", a.address, p.address))
                            .place(place(a, attr, Some(iss)))
                            .help(fix);
                f = f.related(crate::finding::Related {
                    message: format!("user pool in {pr}"),
                    resource: p.address.clone(),
                    location: p.span,
                });
                f.push(out);
            }
        }
    }
}
