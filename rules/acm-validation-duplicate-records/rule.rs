use crate::model::acm::{record_allow_overwrite, record_name, related_at, validation_records};
use crate::model::view::{Certificate, Record};
use crate::rules::context::Cx;

rule!(
    Error,
    "Validation records for X and *.X share one name and need allow_overwrite"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let recs = validation_records(m);
    for cert in m.all::<Certificate>() {
        let names = cert.names();
        let Some(pair) = names.iter().find(|n| names.contains(&format!("*.{n}"))) else {
            continue;
        };
        let mut bases: Vec<Record> = recs.get(&cert.address).cloned().unwrap_or_default();
        bases.dedup_by(|a, b| a.base == b.base);
        for r in bases {
            if record_allow_overwrite(r).known() == Some(&true) {
                continue;
            }
            cx.report(&record_name(r), None, format!("{} lists both {pair} and *.{pair}; ACM gives both the same validation CNAME, so a for_each keyed by domain name creates it twice and Route 53 fails with \"Tried to create resource record set … but it already exists\"", cert.address))
                .related(related_at(&cert.subject_alternative_names(), "certificate names"))
                .help("set allow_overwrite = true on the validation records, or key the for_each by resource_record_name")
                .emit(cx);
        }
    }
}
