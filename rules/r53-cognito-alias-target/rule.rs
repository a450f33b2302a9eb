use crate::computed::CLOUDFRONT_ZONE_ID;
use crate::model::norm_host;
use crate::model::r53::{
    cognito_domain_related, is_cloudfront_host, is_cognito_prefix_host, is_unknown, origin_views,
    reads_cognito_distribution, reads_cognito_distribution_zone, reads_other_zone_id,
    records_by_fqdn, unknown_from_nowhere,
};
use crate::model::view::{Record, UserPool, UserPoolDomain};
use crate::rules::context::Cx;
use std::collections::BTreeMap;

rule!(
    Error,
    "A Cognito custom domain's record must alias that domain's CloudFront distribution"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let (records, some_unknown) = records_by_fqdn(m);
    // records whose name reads a Cognito domain's `domain` (for domains not known here)
    let mut by_reference: BTreeMap<&str, Vec<Record>> = BTreeMap::new();
    for r in m.all::<Record>() {
        for base in r.name_refs() {
            for x in m.instances(base) {
                if let Some(dom) = m.view::<UserPoolDomain>(x) {
                    by_reference
                        .entry(dom.0.address.as_str())
                        .or_default()
                        .push(r);
                }
            }
        }
    }
    for d in m.all::<UserPoolDomain>() {
        // a prefix domain (also one whose unknown parts cannot hold a dot) is Amazon's
        if d.is_custom().known() == Some(&false) {
            continue;
        }
        let dom = d.domain();
        let Some(host) = dom.known().filter(|x| x.contains('.')) else {
            // the name is not known here: records named by reference to this domain are its
            // records all the same
            let named = by_reference
                .get(d.address.as_str())
                .cloned()
                .unwrap_or_default();
            if !named.is_empty() {
                check_records(
                    cx,
                    d,
                    &format!("{} (its name is not known here)", d.address),
                    &named,
                );
            } else if is_unknown(&dom) {
                cx.cannot_verify(
                    &dom,
                    format!("the DNS record of Cognito domain {}", d.address),
                    "make the domain known at plan time",
                );
            }
            continue;
        };
        let host = norm_host(host);
        let Some(recs) = records.get(&host) else {
            let why = if some_unknown {
                "some record names are not known"
            } else {
                "no Route 53 record for it is in this configuration"
            };
            cx.report(&dom, None, format!("cannot verify the DNS record of Cognito custom domain {host}: {why}"))
                .help("alias an A record to this domain's cloudfront_distribution with zone Z2FDTNDATAQYW2")
                .note()
                .emit(cx);
            continue;
        };
        check_records(cx, d, &host, recs);
    }
}

/// Checks the records for Cognito custom domain `d` (`host`: its name, for messages).
fn check_records(cx: &mut Cx, d: UserPoolDomain, host: &str, recs: &[Record]) {
    let m = cx.m;
    for rec in recs {
        let kind = rec.kind();
        let ty = kind.known().map_or("", |k| k.as_str());
        let alias = rec.alias_name();
        let Some(t) = rec.target() else {
            let values = rec.records();
            if values.is_unknown() {
                cx.cannot_verify(
                    &values,
                    format!("the target of the record for Cognito custom domain {host}"),
                    "alias the record to the domain's cloudfront_distribution",
                );
            }
            continue;
        };
        let Some(target) = t.val() else { continue };
        let origins = target.origins();
        let this_dist = reads_cognito_distribution(m, target, d);
        let other_domain = origin_views::<UserPoolDomain>(m, target)
            .into_iter()
            .map(|(x, _)| x)
            .find(|x| x.address != d.address);
        let wrong = if let Some(other) = other_domain {
            Some((
                format!(
                    "targets the distribution of another domain, {}",
                    other.address
                ),
                Some(other),
            ))
        } else if !origin_views::<UserPool>(m, target).is_empty() {
            Some(("targets the user pool's endpoint, which does not serve the hosted UI or /oauth2/token".to_string(), None))
        } else if target.as_str().is_some_and(is_cognito_prefix_host) {
            Some(("targets a prefix domain (*.amazoncognito.com) instead of the custom domain's distribution".to_string(), None))
        } else if let Some(lit) = target.as_str().filter(|t| !is_cloudfront_host(t)) {
            Some((
                format!("targets {lit}, which is not a CloudFront distribution"),
                None,
            ))
        } else if !this_dist
            && (ty == "A" || ty == "AAAA")
            && !alias.is_absent()
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
            let mut f = cx.report(&t, Some(target), format!("the record for Cognito custom domain {host} {what}; the domain does not resolve to Cognito, so clients cannot reach /oauth2/token"))
                .related(cognito_domain_related(d, "the Cognito custom domain"))
                .help(format!("alias name = {}.cloudfront_distribution, zone_id = {}.cloudfront_distribution_zone_id (Z2FDTNDATAQYW2)", d.base, d.base));
            if let Some(o) = other {
                f = f.related(cognito_domain_related(o, "the other domain"));
            }
            f.emit(cx);
            continue;
        }
        if !this_dist && unknown_from_nowhere(m, target) {
            cx.cannot_verify(
                &t,
                format!(
                    "that the record for Cognito custom domain {host} targets {}'s distribution",
                    d.address
                ),
                "alias the record to the domain's cloudfront_distribution",
            );
        }
        if this_dist && ty != "A" && ty != "AAAA" && !ty.is_empty() {
            cx.report(&kind, None, format!("the record for Cognito custom domain {host} has type {ty}; it must be an A (or AAAA) alias"))
                .related(cognito_domain_related(d, "the Cognito custom domain"))
                .help("use type = \"A\" with an alias block")
                .emit(cx);
            continue;
        }
        if this_dist && is_unknown(&kind) {
            cx.cannot_verify(
                &kind,
                format!("that the record for Cognito custom domain {host} is an A (or AAAA) alias"),
                "use type = \"A\" with an alias block",
            );
        }
        let zone = rec.alias_zone_id();
        if let Some(z) = zone.val() {
            let ok_ref = reads_cognito_distribution_zone(z);
            if let Some(s) = z.as_str() {
                if s != CLOUDFRONT_ZONE_ID && !ok_ref {
                    cx.report(&zone, Some(z), format!("the alias for Cognito custom domain {host} uses zone {s}; a CloudFront distribution's alias zone is always Z2FDTNDATAQYW2"))
                        .related(cognito_domain_related(d, "the Cognito custom domain"))
                        .help(format!("zone_id = {}.cloudfront_distribution_zone_id", d.base))
                        .emit(cx);
                }
            } else if !ok_ref && reads_other_zone_id(z) {
                cx.report(&zone, Some(z), format!("the alias for Cognito custom domain {host} takes its zone from {}; a CloudFront distribution's alias zone is always Z2FDTNDATAQYW2", z.origins()[0].name()))
                    .related(cognito_domain_related(d, "the Cognito custom domain"))
                    .help(format!("zone_id = {}.cloudfront_distribution_zone_id", d.base))
                    .emit(cx);
            } else if !ok_ref && unknown_from_nowhere(m, z) {
                cx.cannot_verify(
                    &zone,
                    format!("the alias zone of the record for Cognito custom domain {host}"),
                    &format!(
                        "zone_id = {}.cloudfront_distribution_zone_id (Z2FDTNDATAQYW2)",
                        d.base
                    ),
                );
            }
        }
    }
}
