use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A Route 53 record must have a valid shape: no CNAME at the apex or beside other types, alias xor ttl/records"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let (by_name, _) = records_by_fqdn(m);
    let zones = managed_zones(m);
    for r in m.resources_of("aws_route53_record") {
        let ty = r.str("type");
        let has_alias = r
            .get("alias")
            .and_then(|a| a.items())
            .is_some_and(|i| !i.is_empty());
        let has = |a: &str| r.get(a).is_some_and(|v| !v.is_null());
        if has_alias && (has("ttl") || has("records")) {
            let a = if has("ttl") { "ttl" } else { "records" };
            finding(&META, r, format!("{} has an alias block and sets {a}; alias records take neither, and Terraform rejects the combination (\"conflicts with alias\")", r.address))
                    .at(r.span(a)).help(format!("remove {a} from the alias record")).push(out);
        }
        if !has_alias && (!has("ttl") || !has("records")) {
            let a = if has("ttl") { "records" } else { "ttl" };
            finding(
                &META,
                r,
                format!(
                    "{} has no alias block and no {a}; a plain record needs both ttl and records",
                    r.address
                ),
            )
            .at(r.span("type"))
            .help("add ttl and records, or an alias block")
            .push(out);
        }
        let (Some(fqdn), Some("CNAME")) = (r.str("fqdn"), ty) else {
            continue;
        };
        let fqdn = crate::model::norm_host(fqdn);
        if zones.contains_key(&fqdn) {
            finding(&META, r, format!("{} is a CNAME at the zone apex {fqdn}; Route 53 rejects it (\"RRSet of type CNAME with DNS name {fqdn}. is not permitted at apex\")", r.address))
                    .at(r.span("type")).help("use an A/AAAA alias record at the apex").push(out);
            continue;
        }
        if let Some(other) = by_name.get(&fqdn).and_then(|v| {
            v.iter()
                .find(|o| o.address != r.address && o.str("type").is_some_and(|t| t != "CNAME"))
        }) {
            finding(&META, r, format!("{} is a CNAME for {fqdn}, which also has a {} record ({}); Route 53 rejects a CNAME beside other types", r.address, other.str("type").unwrap_or("?"), other.address))
                    .at(r.span("type")).related(related(other, "type", "the other record")).help("keep one: an A/AAAA alias, or the CNAME alone").push(out);
        }
    }
}
