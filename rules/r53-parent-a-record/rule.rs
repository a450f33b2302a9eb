use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "The parent of a Cognito custom domain needs an A record"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let (records, some_unknown) = records_by_fqdn(m);
    let zones = managed_zones(m);
    for d in m.resources_of("aws_cognito_user_pool_domain") {
        let Some(dv) = d.get("domain") else { continue };
        let Some(domain) = dv.as_str() else {
            if dv.is_unknown() {
                finding(&META, d, format!("cannot verify the parent A record of the Cognito domain: the domain is not known ({})", origins_text(&dv.origins())))
                        .place(place(d, "domain", Some(dv)))
                        .help("make the domain known at plan time")
                        .note()
                        .push(out);
            }
            continue;
        };
        if !domain.contains('.') {
            continue; // prefix domain
        }
        let Some(parent) = parent_of(domain) else {
            continue;
        };
        if !parent.contains('.') {
            finding(&META, d, format!("Cognito custom domain {domain} sits directly under the top-level domain {parent}; Cognito rejects it (\"Custom domain is not a valid subdomain\")"))
                    .place(place(d, "domain", Some(dv)))
                    .help("use a sub-domain such as auth.example.com")
                    .push(out);
            continue;
        }
        let has_a = records.get(&parent).is_some_and(|rs| {
            rs.iter().any(|r| {
                matches!(r.str("type"), Some("A")) || r.get("type").is_some_and(|t| t.is_unknown())
            })
        });
        if has_a {
            continue;
        }
        let zone = zones.iter().find(|(z, _)| in_zone(&parent, z));
        match zone {
                Some((z, zres)) => finding(&META, d, format!(
                    "Cognito custom domain {domain} needs an A record for its parent {parent}, and zone {z} (managed here) has none; Cognito fails with \"Custom domain is not a valid subdomain: Was not able to resolve the root domain, please ensure an A record exists for the root domain\""))
                    .place(place(d, "domain", Some(dv)))
                    .related(related(zres, "name", format!("zone {z}, where this configuration writes records")))
                    .help(format!("add an aws_route53_record of type A for {parent} (an alias or any address) and make this domain depend on it"))
                    .push(out),
                None => {
                    let why = if some_unknown { "some record names are not known" } else { "the zone's records are not managed in this configuration" };
                    finding(&META, d, format!("cannot verify that {parent} has the A record Cognito custom domain {domain} needs: {why}"))
                        .place(place(d, "domain", Some(dv)))
                        .help(format!("make sure {parent} resolves (an A record) before the domain is created"))
                        .note()
                        .push(out)
                }
            }
    }
}
