use crate::model::acm::{
    ValidationMethod, option_domain_name, related_at, validation_records, validations_by_cert,
};
use crate::model::norm_host;
use crate::model::view::{Certificate, CertificateValidation, State, View};
use crate::rules::context::Cx;

rule!(
    Error,
    "DNS validation records must cover every domain_validation_options entry of a certificate"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let validations = validations_by_cert(m);
    // validation records by the certificate whose validation options they were made from
    let recs = validation_records(m);
    for cert in m.all::<Certificate>() {
        let method = cert.validation_method();
        match method.known() {
            Some(ValidationMethod::Email) => {
                // the documented email workflow: a person approves; only a validation resource
                // in this configuration waits for it (note)
                if validations.contains_key(&cert.address) {
                    cx.report(&method, None, format!("{} uses EMAIL validation: its {} waits until someone approves the email, and fails after its create timeout (75 minutes by default) if nobody does", cert.address, CertificateValidation::TYPE))
                        .help("approve the email promptly, or use validation_method = \"DNS\" with Route 53 records")
                        .note()
                        .emit(cx);
                }
                continue;
            }
            _ if method.is_unknown() => cx.cannot_verify(
                &method,
                format!("whether {} uses EMAIL validation", cert.address),
                "use validation_method = \"DNS\" with Route 53 records",
            ),
            _ => {}
        }
        let options = cert.domain_validation_options();
        let dvos = match options.state {
            State::Known(d, _) => d,
            State::Unknown(_) => {
                cx.cannot_verify(
                    &options,
                    format!("that DNS validation records cover every name of {}", cert.address),
                    "make the certificate's domain_name and subject_alternative_names known at plan time",
                );
                continue;
            }
            State::Default(_) | State::Absent => continue,
        };
        let mut names: Vec<String> = Vec::new();
        for d in &dvos {
            match option_domain_name(d) {
                Some(n) => {
                    // X and *.X share one validation record: count distinct record names
                    let n = norm_host(n);
                    let n = n.strip_prefix("*.").map(str::to_string).unwrap_or(n);
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
            cx.report(&method, None, format!("{} is validated by an {}, but no Route 53 record in this configuration is made from its domain_validation_options", cert.address, CertificateValidation::TYPE))
                .help("create the records with for_each over domain_validation_options")
                .note()
                .emit(cx);
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
            cx.report(&r.name_value(), None, format!("{} needs {} distinct DNS validation records (for {}; a name and its wildcard share one), but only {made} record(s) are made from its domain_validation_options; the certificate stays PENDING_VALIDATION and the validation times out",
                    cert.address, names.len(), names.join(", ")))
                .related(related_at(&cert.subject_alternative_names(), "certificate names"))
                .help("create the records with for_each = { for dvo in <cert>.domain_validation_options : dvo.domain_name => dvo }, not by indexing [0]")
                .emit(cx);
        }
    }
}
