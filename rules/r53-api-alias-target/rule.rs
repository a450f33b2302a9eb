use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "An API custom domain's record must alias that domain's target for its endpoint type"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let (records, some_unknown) = records_by_fqdn(m);
    let mut domains = Vec::new();
    for d in m.resources_of("aws_api_gateway_domain_name") {
        let types = d
            .get("endpoint_configuration.0.types")
            .and_then(|t| t.items())
            .unwrap_or_default();
        let kind = match types.first().map(|t| t.as_str()) {
            None => Some("EDGE"),
            Some(Some(k)) => Some(k),
            Some(None) => None,
        };
        let expect = match kind {
            Some("REGIONAL") => Some(("regional_domain_name", "regional_zone_id", "REGIONAL")),
            Some("EDGE") => Some(("cloudfront_domain_name", "cloudfront_zone_id", "EDGE")),
            _ => None,
        };
        domains.push((d, expect));
    }
    for d in m.resources_of("aws_apigatewayv2_domain_name") {
        domains.push((
            d,
            Some(("target_domain_name", "hosted_zone_id", "HTTP API")),
        ));
    }
    for (d, expect) in domains {
        let Some(host) = d.str("domain_name") else {
            continue;
        };
        let host = crate::model::norm_host(host);
        let Some(recs) = records.get(&host) else {
            let why = if some_unknown {
                "some record names are not known"
            } else {
                "no Route 53 record for it is in this configuration"
            };
            finding(
                &META,
                d,
                format!("cannot verify the DNS record of custom domain {host}: {why}"),
            )
            .at(d.span("domain_name"))
            .help("alias an A record to the domain's target (see the rule doc)")
            .note()
            .push(out);
            continue;
        };
        let Some((name_attr, zone_attr, kind)) = expect else {
            continue;
        };
        for rec in recs {
            let (target_attr, target) = match (
                rec.get("alias.0.name"),
                rec.get("records").and_then(|r| r.items()),
            ) {
                (Some(a), _) => ("alias.0.name", a),
                (None, Some(items)) if !items.is_empty() => ("records", items[0]),
                _ => continue,
            };
            let of_domain: Vec<String> = target
                .origins()
                .into_iter()
                .filter(|o| m.origin_resource(o).is_some_and(|r| r.address == d.address))
                .map(|o| o.attr.rsplit('.').next().unwrap_or("").to_string())
                .collect();
            if of_domain.is_empty() {
                // another rule covers execute-api targets; a literal or foreign target is unverifiable
                let api_like = target.origins().iter().any(|o| {
                    o.res.as_deref().is_some_and(|r| {
                        r.contains("aws_api_gateway") || r.contains("aws_apigatewayv2")
                    })
                });
                if !api_like {
                    finding(&META, rec, format!("cannot verify that the record for {host} targets {}: the target does not reference it", d.address))
                            .place(place(rec, target_attr, Some(target)))
                            .related(related(d, "domain_name", "the custom domain"))
                            .help(format!("use {}.{name_attr} (and {zone_attr} for the alias zone)", d.base))
                            .note()
                            .push(out);
                }
                continue;
            }
            if !of_domain.iter().any(|a| a == name_attr) {
                finding(&META, rec, format!(
                        "the record for {host} targets {}.{} but the domain is {kind}, whose target is {name_attr}; the other attribute is empty or serves another endpoint, so DNS breaks",
                        d.base, of_domain[0]))
                        .place(place(rec, target_attr, Some(target)))
                        .related(related(d, "domain_name", format!("{kind} custom domain")))
                        .help(format!("use {}.{name_attr} and {}.{zone_attr}", d.base, d.base))
                        .push(out);
                continue;
            }
            if let Some(z) = rec.get("alias.0.zone_id") {
                let zone_of: Vec<String> = z
                    .origins()
                    .into_iter()
                    .filter(|o| m.origin_resource(o).is_some_and(|r| r.address == d.address))
                    .map(|o| o.attr.rsplit('.').next().unwrap_or("").to_string())
                    .collect();
                if !zone_of.is_empty() && !zone_of.iter().any(|a| a == zone_attr) {
                    finding(&META, rec, format!("the alias for {host} uses {}.{} as its zone, but a {kind} domain's zone is {zone_attr}", d.base, zone_of[0]))
                            .place(place(rec, "alias.0.zone_id", Some(z)))
                            .related(related(d, "domain_name", format!("{kind} custom domain")))
                            .help(format!("use zone_id = {}.{zone_attr}", d.base))
                            .push(out);
                }
            }
        }
    }
}
