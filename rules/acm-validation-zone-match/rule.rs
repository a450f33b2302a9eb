use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "Validation records must be written into a public zone that contains the certificate's names"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let recs = validation_records(m);
    for cert in m.resources_of("aws_acm_certificate") {
        let names = cert_names(cert);
        for r in recs.get(&cert.address).cloned().unwrap_or_default() {
            let Some(zid) = r.get("zone_id") else {
                continue;
            };
            let Some(zone) = m.links(zid, "aws_route53_zone").into_iter().next() else {
                continue;
            };
            if zone.get("private_zone").and_then(|v| v.as_bool()) == Some(true)
                || zone
                    .get("vpc")
                    .and_then(|v| v.items())
                    .is_some_and(|i| !i.is_empty())
            {
                finding(&META, r, format!("{} writes the validation records of {} into private zone {}; ACM cannot see them and the validation times out", r.address, cert.address, zone.address))
                        .at(r.span("zone_id")).related(related(zone, "name", "private zone")).help("use the public hosted zone of the domain").push(out);
                continue;
            }
            let Some(z) = zone.str("name").map(crate::model::norm_host) else {
                continue;
            };
            // a record made by for_each keyed by domain name validates that name only
            let key = r
                .address
                .rsplit_once("[\"")
                .map(|(_, k)| crate::model::norm_host(k.trim_end_matches("\"]")));
            let mine: Vec<&String> = match &key {
                Some(k) if names.contains(k) => names.iter().filter(|n| *n == k).collect(),
                _ => names.iter().collect(),
            };
            let outside: Vec<&String> = mine
                .into_iter()
                .filter(|n| !in_zone(n.trim_start_matches("*."), &z))
                .collect();
            if outside.is_empty() {
                continue;
            }
            let list: Vec<&str> = outside.iter().map(|s| s.as_str()).collect();
            finding(&META, r, format!("{} writes a validation record of {} into zone {z}, but {} is not in that zone; Route 53 rejects them (\"RRSet with DNS name … is not permitted in zone {z}\")", r.address, cert.address, list.join(", ")))
                    .at(r.span("zone_id"))
                    .related(related(zone, "name", format!("zone {z}")))
                    .help("choose the zone per validation option (a map from domain to zone id), as in the provider's \"alternative domains\" example")
                    .push(out);
        }
    }
}
