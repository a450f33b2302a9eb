use crate::model::norm_host;
use crate::model::r53::{
    attrs_read_of, http_domain_target, is_unknown, reads_api_gateway, records_by_fqdn, related_at,
    rest_domain_target,
};
use crate::model::view::{HttpDomain, RestDomain};
use crate::rules::context::Cx;

rule!(
    Error,
    "An API custom domain's record must alias that domain's target for its endpoint type"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let (records, some_unknown) = records_by_fqdn(m);
    let mut domains = Vec::new();
    for d in m.all::<RestDomain>() {
        let endpoint = d.endpoint_type();
        let expect = endpoint.known().and_then(rest_domain_target);
        domains.push((d.0, d.domain_name(), expect, Some(endpoint)));
    }
    for d in m.all::<HttpDomain>() {
        domains.push((d.0, d.domain_name(), Some(http_domain_target()), None));
    }
    for (d, host_got, expect, endpoint) in domains {
        let Some(host) = host_got.known() else {
            if is_unknown(&host_got) {
                cx.cannot_verify(
                    &host_got,
                    format!("the DNS record of custom domain {}", d.address),
                    "make the domain name known at plan time",
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
            cx.report(
                &host_got,
                None,
                format!("cannot verify the DNS record of custom domain {host}: {why}"),
            )
            .help("alias an A record to the domain's target (see the rule doc)")
            .note()
            .emit(cx);
            continue;
        };
        let Some(expect) = expect else {
            if let Some(e) = endpoint.filter(is_unknown) {
                cx.cannot_verify(
                    &e,
                    format!(
                        "the endpoint type of custom domain {host}, which decides its DNS target"
                    ),
                    "make the endpoint type known at plan time (REGIONAL or EDGE)",
                );
            }
            continue;
        };
        let (name_attr, zone_attr, kind) = (expect.name_attr, expect.zone_attr, expect.kind);
        for rec in recs {
            let Some(t) = rec.target() else {
                let values = rec.records();
                if values.is_unknown() {
                    cx.cannot_verify(
                        &values,
                        format!("that the record for {host} targets {}", d.address),
                        "alias the record to the domain's target (see the rule doc)",
                    );
                }
                continue;
            };
            let Some(target) = t.val() else { continue };
            let of_domain = attrs_read_of(m, target, d);
            if of_domain.is_empty() {
                // an alias to the custom host's own name: the record points at itself, which
                // Route 53 refuses (the alias target record does not exist) and which never
                // reaches API Gateway
                if rec.has_alias()
                    && target
                        .as_str()
                        .is_some_and(|x| crate::model::norm_host(x) == host)
                {
                    cx.report(&t, Some(target), format!("the record for {host} aliases {host} itself (the custom domain's own name) instead of the domain's target; Route 53 refuses an alias whose target record does not exist (\"Tried to create an alias that targets {host}. … but that target was not found\"), and the name never reaches API Gateway"))
                        .related(related_at(&host_got, "the custom domain"))
                        .help(format!("use {}.{name_attr} and {}.{zone_attr}", d.base, d.base))
                        .emit(cx);
                    continue;
                }
                // another rule covers execute-api targets; a literal or foreign target is unverifiable
                if !reads_api_gateway(target) {
                    cx.report(&t, Some(target), format!("cannot verify that the record for {host} targets {}: the target does not reference it", d.address))
                        .related(related_at(&host_got, "the custom domain"))
                        .help(format!("use {}.{name_attr} (and {zone_attr} for the alias zone)", d.base))
                        .note()
                        .emit(cx);
                }
                continue;
            }
            if !of_domain.iter().any(|a| a == name_attr) {
                cx.report(&t, Some(target), format!(
                        "the record for {host} targets {}.{} but the domain is {kind}, whose target is {name_attr}; the other attribute is empty or serves another endpoint, so DNS breaks",
                        d.base, of_domain[0]))
                    .related(related_at(&host_got, format!("{kind} custom domain")))
                    .help(format!("use {}.{name_attr} and {}.{zone_attr}", d.base, d.base))
                    .emit(cx);
                continue;
            }
            let zone = rec.alias_zone_id();
            if let Some(z) = zone.val() {
                let zone_of = attrs_read_of(m, z, d);
                if !zone_of.is_empty() && !zone_of.iter().any(|a| a == zone_attr) {
                    cx.report(&zone, Some(z), format!("the alias for {host} uses {}.{} as its zone, but a {kind} domain's zone is {zone_attr}", d.base, zone_of[0]))
                        .related(related_at(&host_got, format!("{kind} custom domain")))
                        .help(format!("use zone_id = {}.{zone_attr}", d.base))
                        .emit(cx);
                }
            }
        }
    }
}
