use crate::model::acm::{record_option_names, related_at, validation_records};
use crate::model::norm_host;
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
        let wild = format!("*.{pair}");
        for r in bases {
            // the names the instances of this record resource are made for: for_each keys,
            // or the option each instance's name comes from
            let mut made_for: Vec<String> = Vec::new();
            for i in m.instances(&r.base) {
                if let Some(k) = i
                    .address
                    .rsplit_once("[\"")
                    .map(|(_, k)| k.trim_end_matches("\"]"))
                {
                    made_for.push(norm_host(k));
                }
                // (only an instance made from one option tells which name it is for)
                if let Some(rec) = m.view::<Record>(i)
                    && let [one] = record_option_names(rec).as_slice()
                {
                    made_for.push(one.clone());
                }
            }
            // one record per distinct name (a count over de-duplicated options): nothing twice
            if !(made_for.contains(pair) && made_for.contains(&wild)) {
                continue;
            }
            let ow = r.allow_overwrite();
            if ow.known() == Some(&true) {
                continue;
            }
            if ow.is_unknown() {
                cx.cannot_verify(
                    &ow,
                    format!("that the validation records of {} for {pair} and {wild} may overwrite each other", cert.address),
                    "set allow_overwrite = true on the validation records",
                );
                continue;
            }
            cx.report(&r.name_value(), None, format!("{} lists both {pair} and {wild}; ACM gives both the same validation CNAME, and {} creates it once for each, so Route 53 fails with \"Tried to create resource record set … but it already exists\"", cert.address, r.base))
                .related(related_at(&cert.subject_alternative_names(), "certificate names"))
                .help("set allow_overwrite = true on the validation records, or key the for_each by resource_record_name")
                .emit(cx);
        }
    }
}
