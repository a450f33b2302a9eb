use crate::model::acm::{record_option_names, related_at, seen_at, validation_records, zones_of};
use crate::model::norm_host;
use crate::model::view::{Certificate, State};
use crate::rules::context::Cx;
use crate::rules::support::in_zone;

rule!(
    Error,
    "Validation records must be written into a public zone that contains the certificate's names"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let recs = validation_records(m);
    for cert in m.all::<Certificate>() {
        let names = cert.names();
        for r in recs.get(&cert.address).cloned().unwrap_or_default() {
            let zid = r.zone_id();
            let Some(zone) = zones_of(m, &zid).into_iter().next() else {
                if zid.is_unknown() {
                    cx.cannot_verify(
                        &zid,
                        format!("the zone of {}", r.address),
                        "reference the public aws_route53_zone (resource or data source) the records go into",
                    );
                }
                continue;
            };
            let zname = zone.name();
            if zone.private_zone().known() == Some(&true) {
                cx.report(&zid, None, format!("{} writes the validation records of {} into private zone {}; ACM cannot see them and the validation times out", r.address, cert.address, zone.address))
                    .related(related_at(&zname, "private zone"))
                    .help("use the public hosted zone of the domain")
                    .emit(cx);
                continue;
            }
            let z = match zname.state {
                State::Known(n, _) => norm_host(n),
                State::Unknown(_) => {
                    cx.cannot_verify(
                        &seen_at(zname.clone(), &zid),
                        format!(
                            "that zone {} holds the validation names of {}",
                            zone.address, cert.address
                        ),
                        "give the zone a name known at plan time",
                    );
                    continue;
                }
                State::Default(_) | State::Absent => continue,
            };
            // a record made by for_each keyed by domain name validates that name only
            let key = r
                .address
                .rsplit_once("[\"")
                .map(|(_, k)| norm_host(k.trim_end_matches("\"]")));
            // a record whose name comes from known options validates those names only
            let from_options = record_option_names(r);
            let mine: Vec<&String> = match &key {
                Some(k) if names.contains(k) => names.iter().filter(|n| *n == k).collect(),
                _ if !from_options.is_empty() => {
                    names.iter().filter(|n| from_options.contains(n)).collect()
                }
                _ => names.iter().collect(),
            };
            let outside: Vec<&String> = mine
                .into_iter()
                .filter(|n| !in_zone(n.trim_start_matches("*."), &z))
                .collect();
            if outside.is_empty() {
                continue;
            }
            // the name comes from several options (a de-duplicated list indexed by count):
            // which name this record is for is not known here
            if key.is_none() && from_options.len() > 1 {
                cx.cannot_verify(
                    &seen_at(zname.clone(), &zid),
                    format!(
                        "that zone {z} holds the name {} validates (its name comes from one of several options of {}, and {} are outside the zone)",
                        r.address,
                        cert.address,
                        outside.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                    "make each record from one option (for_each over domain_validation_options keyed by domain_name)",
                );
                continue;
            }
            let names_out: Vec<&str> = outside.iter().map(|s| s.as_str()).collect();
            cx.report(&zid, None, format!("{} writes a validation record of {} into zone {z}, but {} is not in that zone; Route 53 rejects them (\"RRSet with DNS name … is not permitted in zone {z}\")", r.address, cert.address, names_out.join(", ")))
                .related(related_at(&zname, format!("zone {z}")))
                .help("choose the zone per validation option (a map from domain to zone id), as in the provider's \"alternative domains\" example")
                .emit(cx);
        }
    }
}
