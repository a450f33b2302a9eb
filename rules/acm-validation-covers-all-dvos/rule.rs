use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "DNS validation records must cover every domain_validation_options entry of a certificate"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let validations = validations_by_cert(m);
    // validation records by the certificate whose validation options they were made from
    let mut recs: std::collections::BTreeMap<String, Vec<&crate::model::Resource>> =
        Default::default();
    for r in m.resources_of("aws_route53_record") {
        for o in r.get("name").map(|v| v.origins()).unwrap_or_default() {
            if o.attr.starts_with("domain_validation_options")
                && let Some(c) = m.origin_resource(&o)
            {
                recs.entry(c.address.clone()).or_default().push(r);
            }
        }
    }
    for cert in m.resources_of("aws_acm_certificate") {
        if let Some(method) = cert.get("validation_method").and_then(|v| v.as_str())
            && method == "EMAIL"
        {
            finding(&META, cert, format!("{} uses EMAIL validation; a person must approve it, so a validation resource waits until its timeout", cert.address))
                        .at(cert.span("validation_method")).help("use validation_method = \"DNS\" with Route 53 records").severity(Severity::Warning).push(out);
            continue;
        }
        let Some(dvos) = cert
            .get("domain_validation_options")
            .and_then(|d| d.items())
        else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for d in &dvos {
            match d.get("domain_name").and_then(|n| n.as_str()) {
                Some(n) => {
                    let n = crate::model::norm_host(n);
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                None => {
                    names.clear();
                    break;
                }
            }
        }
        let mine = recs.get(&cert.address).cloned().unwrap_or_default();
        if mine.is_empty() {
            if !validations.contains_key(&cert.address) {
                continue; // validated elsewhere, or not at all: acm-use-validated-arn says so
            }
            finding(&META, cert, format!("{} is validated by an aws_acm_certificate_validation, but no Route 53 record in this configuration is made from its domain_validation_options", cert.address))
                    .at(cert.span("validation_method")).help("create the records with for_each over domain_validation_options").note().push(out);
            continue;
        }
        if names.is_empty() || mine.iter().any(|r| r.unknown_count) {
            continue; // keys known only after apply: the for_each covers whatever there is
        }
        // records made from for_each over the options carry one instance per name
        let made: usize = {
            let mut bases: Vec<&str> = mine.iter().map(|r| r.base.as_str()).collect();
            bases.sort();
            bases.dedup();
            bases.iter().map(|b| m.instances(b).count()).sum()
        };
        if made < names.len() {
            let r = mine[0];
            finding(&META, r, format!("{} needs a DNS validation record for each of its {} names ({}), but only {made} record(s) are made from its domain_validation_options; the certificate stays PENDING_VALIDATION and the validation times out",
                    cert.address, names.len(), names.join(", ")))
                    .at(r.span("name"))
                    .related(related(cert, "subject_alternative_names", "certificate names"))
                    .help("create the records with for_each = { for dvo in <cert>.domain_validation_options : dvo.domain_name => dvo }, not by indexing [0]")
                    .push(out);
        }
    }
}
