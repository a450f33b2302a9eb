use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A Cognito custom domain's record must alias that domain's CloudFront distribution"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let (records, some_unknown) = records_by_fqdn(m);
    for d in m.resources_of("aws_cognito_user_pool_domain") {
        let Some(host) = d.str("domain").filter(|x| x.contains('.')) else {
            continue;
        };
        let host = crate::model::norm_host(host);
        let Some(recs) = records.get(&host) else {
            let why = if some_unknown {
                "some record names are not known"
            } else {
                "no Route 53 record for it is in this configuration"
            };
            finding(&META, d, format!("cannot verify the DNS record of Cognito custom domain {host}: {why}"))
                    .at(d.span("domain"))
                    .help("alias an A record to this domain's cloudfront_distribution with zone Z2FDTNDATAQYW2")
                    .note()
                    .push(out);
            continue;
        };
        for rec in recs {
            let ty = rec.str("type").unwrap_or("");
            let alias_name = rec.get("alias.0.name");
            let Some(target) = alias_name.or_else(|| {
                rec.get("records")
                    .and_then(|r| r.items())
                    .and_then(|i| i.first().copied())
            }) else {
                continue;
            };
            let attr = if alias_name.is_some() {
                "alias.0.name"
            } else {
                "records"
            };
            let origins = target.origins();
            let this_dist = origins.iter().any(|o| {
                m.origin_resource(o).is_some_and(|r| r.address == d.address)
                    && matches!(
                        o.attr.as_str(),
                        "cloudfront_distribution" | "cloudfront_distribution_arn"
                    )
            });
            let other_domain = origins.iter().find_map(|o| {
                m.origin_resource(o)
                    .filter(|r| r.rtype == "aws_cognito_user_pool_domain" && r.address != d.address)
            });
            let wrong = if let Some(other) = other_domain {
                Some((
                    format!(
                        "targets the distribution of another domain, {}",
                        other.address
                    ),
                    Some(other),
                ))
            } else if origins.iter().any(|o| {
                m.origin_resource(o)
                    .is_some_and(|r| r.rtype == "aws_cognito_user_pool")
            }) {
                Some(("targets the user pool's endpoint, which does not serve the hosted UI or /oauth2/token".to_string(), None))
            } else if target
                .as_str()
                .is_some_and(|s| s.contains("amazoncognito.com"))
            {
                Some(("targets a prefix domain (*.amazoncognito.com) instead of the custom domain's distribution".to_string(), None))
            } else if let Some(lit) = target
                .as_str()
                .filter(|t| !t.trim_end_matches('.').ends_with(".cloudfront.net"))
            {
                Some((
                    format!("targets {lit}, which is not a CloudFront distribution"),
                    None,
                ))
            } else if !this_dist
                && (ty == "A" || ty == "AAAA")
                && alias_name.is_some()
                && !origins.is_empty()
            {
                Some((
                    "does not target this domain's cloudfront_distribution".to_string(),
                    None,
                ))
            } else {
                None
            };
            if let Some((what, other)) = wrong {
                let mut f = finding(&META, rec, format!("the record for Cognito custom domain {host} {what}; the domain does not resolve to Cognito, so clients cannot reach /oauth2/token"))
                        .place(place(rec, attr, Some(target)))
                        .related(related(d, "domain", "the Cognito custom domain"))
                        .help(format!("alias name = {}.cloudfront_distribution, zone_id = {}.cloudfront_distribution_zone_id (Z2FDTNDATAQYW2)", d.base, d.base));
                if let Some(o) = other {
                    f = f.related(related(o, "domain", "the other domain"));
                }
                f.push(out);
                continue;
            }
            if this_dist && ty != "A" && ty != "AAAA" && !ty.is_empty() {
                finding(&META, rec, format!("the record for Cognito custom domain {host} has type {ty}; it must be an A (or AAAA) alias"))
                        .at(rec.span("type"))
                        .related(related(d, "domain", "the Cognito custom domain"))
                        .help("use type = \"A\" with an alias block")
                        .push(out);
                continue;
            }
            if let Some(z) = rec.get("alias.0.zone_id") {
                let ok_ref = z
                    .origins()
                    .iter()
                    .any(|o| o.attr == "cloudfront_distribution_zone_id");
                if let Some(s) = z.as_str() {
                    if s != crate::computed::CLOUDFRONT_ZONE_ID && !ok_ref {
                        finding(&META, rec, format!("the alias for Cognito custom domain {host} uses zone {s}; a CloudFront distribution's alias zone is always Z2FDTNDATAQYW2"))
                                .place(place(rec, "alias.0.zone_id", Some(z)))
                                .related(related(d, "domain", "the Cognito custom domain"))
                                .help(format!("zone_id = {}.cloudfront_distribution_zone_id", d.base))
                                .push(out);
                    }
                } else if !ok_ref
                    && z.origins().iter().any(|o| {
                        o.attr.contains("zone_id") && o.attr != "cloudfront_distribution_zone_id"
                    })
                {
                    finding(&META, rec, format!("the alias for Cognito custom domain {host} takes its zone from {}; a CloudFront distribution's alias zone is always Z2FDTNDATAQYW2", z.origins()[0].name()))
                            .place(place(rec, "alias.0.zone_id", Some(z)))
                            .related(related(d, "domain", "the Cognito custom domain"))
                            .help(format!("zone_id = {}.cloudfront_distribution_zone_id", d.base))
                            .push(out);
                }
            }
        }
    }
}
