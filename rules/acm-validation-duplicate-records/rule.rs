use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "Validation records for X and *.X share one name and need allow_overwrite"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let recs = validation_records(m);
    for cert in m.resources_of("aws_acm_certificate") {
        let names = cert_names(cert);
        let Some(pair) = names.iter().find(|n| names.contains(&format!("*.{n}"))) else {
            continue;
        };
        let mut bases: Vec<&crate::model::Resource> =
            recs.get(&cert.address).cloned().unwrap_or_default();
        bases.dedup_by(|a, b| a.base == b.base);
        for r in bases {
            if r.get("allow_overwrite").and_then(|v| v.as_bool()) == Some(true) {
                continue;
            }
            finding(&META, r, format!("{} lists both {pair} and *.{pair}; ACM gives both the same validation CNAME, so a for_each keyed by domain name creates it twice and Route 53 fails with \"Tried to create resource record set … but it already exists\"", cert.address))
                    .at(r.span("name"))
                    .related(related(cert, "subject_alternative_names", "certificate names"))
                    .help("set allow_overwrite = true on the validation records, or key the for_each by resource_record_name")
                    .push(out);
        }
    }
}
