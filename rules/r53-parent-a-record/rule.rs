use crate::load::module::Mode;
use crate::model::acm::validation_records;
use crate::model::r53::{RecordType, is_unknown, records_by_fqdn, related_at, zones_by_name};
use crate::model::view::Record;
use crate::model::view::{State, UserPoolDomain};
use crate::model::{Model, Resource};
use crate::rules::context::Cx;
use crate::rules::support::{in_zone, origins_text, parent_of};
use std::collections::BTreeSet;

rule!(
    Error,
    "The parent of a Cognito custom domain needs an A record"
);

fn check(cx: &mut Cx) {
    let (records, some_unknown) = records_by_fqdn(cx.m);
    let zones = zones_by_name(cx.m);
    let validation: BTreeSet<&str> = validation_records(cx.m)
        .into_values()
        .flatten()
        .map(|r| r.0.address.as_str())
        .collect();
    for d in cx.m.all::<UserPoolDomain>() {
        // a prefix domain (also one whose unknown parts cannot hold a dot) is Amazon's
        if d.is_custom().known() == Some(&false) {
            continue;
        }
        let dom = d.domain();
        let domain = match &dom.state {
            State::Known(s, _) => *s,
            State::Unknown(v) if v.is_unknown() => {
                cx.report(&dom, dom.val(), format!("cannot verify the parent A record of the Cognito domain: the domain is not known ({})", origins_text(&dom.origins())))
                    .help("make the domain known at plan time")
                    .note()
                    .emit(cx);
                continue;
            }
            _ => continue,
        };
        if !domain.contains('.') {
            continue; // prefix domain
        }
        let Some(parent) = parent_of(domain) else {
            continue;
        };
        if !parent.contains('.') {
            cx.report(&dom, dom.val(), format!("Cognito custom domain {domain} sits directly under the top-level domain {parent}; Cognito rejects it (\"Custom domain is not a valid subdomain\")"))
                .help("use a sub-domain such as auth.example.com")
                .emit(cx);
            continue;
        }
        let has_a = records.get(&parent).is_some_and(|rs| {
            rs.iter().any(|r| {
                let kind = r.kind();
                kind.known() == Some(&RecordType::A) || is_unknown(&kind)
            })
        });
        if has_a {
            continue;
        }
        let zone = zones.iter().find(|(z, _)| in_zone(&parent, z));
        match zone {
            // a zone read by a data source, where this root writes only validation records:
            // its other records are managed elsewhere
            Some((z, zone)) if zone.0.mode == Mode::Data && !writes_other_records(cx.m, zone.0, &validation) => cx.report(&dom, dom.val(), format!(
                "cannot verify that {parent} has the A record Cognito custom domain {domain} needs: zone {z} is read by a data source and this configuration writes only validation records into it, so its records are managed elsewhere"))
                .related(related_at(&zone.name(), format!("zone {z}, read here")))
                .help(format!("make sure {parent} resolves (an A record) before the domain is created"))
                .note()
                .emit(cx),
            Some((z, zone)) => cx.report(&dom, dom.val(), format!(
                "Cognito custom domain {domain} needs an A record for its parent {parent}, and zone {z} (managed here) has none; Cognito fails with \"Custom domain is not a valid subdomain: Was not able to resolve the root domain, please ensure an A record exists for the root domain\""))
                .related(related_at(&zone.name(), format!("zone {z}, where this configuration writes records")))
                .help(format!("add an aws_route53_record of type A for {parent} (an alias or any address) and make this domain depend on it"))
                .emit(cx),
            None => {
                let why = if some_unknown { "some record names are not known" } else { "the zone's records are not managed in this configuration" };
                cx.report(&dom, dom.val(), format!("cannot verify that {parent} has the A record Cognito custom domain {domain} needs: {why}"))
                    .help(format!("make sure {parent} resolves (an A record) before the domain is created"))
                    .note()
                    .emit(cx)
            }
        }
    }
}

/// Whether this configuration writes a record other than a certificate validation record into
/// `zone` (then it manages the zone's records, and a missing parent record is decided here).
fn writes_other_records(m: &Model, zone: &Resource, validation: &BTreeSet<&str>) -> bool {
    m.all::<Record>().any(|r| {
        !validation.contains(r.0.address.as_str())
            && r.zones(m).iter().any(|z| z.0.address == zone.address)
    })
}
