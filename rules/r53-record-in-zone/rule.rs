use crate::model::norm_host;
use crate::model::r53::related_at;
use crate::model::view::{HttpDomain, Record, RestDomain, UserPoolDomain};
use crate::rules::context::Cx;
use crate::rules::support::in_zone;

rule!(
    Error,
    "A record for a host of the configuration must be written into a zone that contains it"
);

fn check(cx: &mut Cx) {
    // host names the configuration serves: custom domains and certificate names
    let m = cx.m;
    let mut hosts = std::collections::BTreeSet::new();
    let served = m
        .all::<UserPoolDomain>()
        .map(UserPoolDomain::domain)
        .chain(m.all::<RestDomain>().map(RestDomain::domain_name))
        .chain(m.all::<HttpDomain>().map(HttpDomain::domain_name));
    for h in served {
        if let Some(h) = h.known().filter(|h| h.contains('.')) {
            hosts.insert(norm_host(h));
        }
    }
    for r in m.all::<Record>() {
        // a record whose name is unknown is not one of these hosts' (its name would be a
        // domain's, which is known); in practice it is an ACM validation record
        let nv = r.name();
        let Some(name) = nv.known().map(|n| norm_host(n)) else {
            continue;
        };
        if !hosts.contains(&name) {
            continue;
        }
        let zid = r.zone_id();
        let Some(zone) = r.zone(m) else {
            if zid.is_unknown() {
                cx.cannot_verify(
                    &zid,
                    format!("that the zone of {} contains {name}", r.address),
                    "reference the zone (aws_route53_zone.<name>.zone_id) or give its id",
                );
            }
            continue;
        };
        let zn = zone.name();
        let Some(z) = zn.known().map(|n| norm_host(n)) else {
            if zn.is_unknown() {
                cx.cannot_verify(
                    &zn,
                    format!("that the zone of {} contains {name}", r.address),
                    "make the zone's name known at plan time",
                );
            }
            continue;
        };
        if in_zone(&name, &z) {
            continue;
        }
        cx.report(&nv, nv.val(), format!("{} is for {name}, but its zone is {z}, which does not contain it; the provider appends the zone name, so the record becomes {name}.{z} and {name} does not resolve", r.address))
            .related(related_at(&zn, format!("zone {z}")))
            .help(format!("write the record into the zone that contains {name}"))
            .emit(cx);
    }
}
