use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A record for a host of the configuration must be written into a zone that contains it"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    // host names the configuration serves: custom domains and certificate names
    let mut hosts = std::collections::BTreeSet::new();
    for (t, a) in [
        ("aws_cognito_user_pool_domain", "domain"),
        ("aws_api_gateway_domain_name", "domain_name"),
        ("aws_apigatewayv2_domain_name", "domain_name"),
    ] {
        for r in m.resources_of(t) {
            if let Some(h) = r.str(a).filter(|h| h.contains('.')) {
                hosts.insert(crate::model::norm_host(h));
            }
        }
    }
    for r in m.resources_of("aws_route53_record") {
        let Some(nv) = r.get("name") else { continue };
        let Some(name) = nv.as_str().map(crate::model::norm_host) else {
            continue;
        };
        if !hosts.contains(&name) {
            continue;
        }
        let Some(zid) = r.get("zone_id") else {
            continue;
        };
        let Some(zone) = m.links(zid, "aws_route53_zone").into_iter().next() else {
            continue;
        };
        let Some(z) = zone.str("name").map(crate::model::norm_host) else {
            continue;
        };
        if in_zone(&name, &z) {
            continue;
        }
        finding(&META, r, format!("{} is for {name}, but its zone is {z}, which does not contain it; the provider appends the zone name, so the record becomes {name}.{z} and {name} does not resolve", r.address))
                .place(place(r, "name", Some(nv)))
                .related(related(zone, "name", format!("zone {z}")))
                .help(format!("write the record into the zone that contains {name}"))
                .push(out);
    }
}
