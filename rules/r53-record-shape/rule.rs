use crate::model::norm_host;
use crate::model::r53::{RecordType, records_by_fqdn, related_at, zones_by_name};
use crate::model::view::Record;
use crate::rules::context::Cx;

rule!(
    Error,
    "A Route 53 record must have a valid shape: no CNAME at the apex or beside other types, alias xor ttl/records"
);

fn check(cx: &mut Cx) {
    let (by_name, _) = records_by_fqdn(cx.m);
    let zones = zones_by_name(cx.m);
    for r in cx.m.all::<Record>() {
        let kind = r.kind();
        // alias blocks from a dynamic block over a value not known here: whether the record
        // is an alias (and so which arguments it takes) cannot be told
        let alias = r.alias();
        if alias.is_unknown() {
            cx.cannot_verify(
                &alias,
                format!("the shape of {} (whether it has an alias block)", r.address),
                "make the dynamic alias block's for_each known at plan time",
            );
            continue;
        }
        let has_alias = r.has_alias();
        let (ttl, records) = (r.ttl(), r.records());
        if has_alias && (ttl.is_set() || records.is_set()) {
            let (a, at) = if ttl.is_set() {
                ("ttl", ttl.span())
            } else {
                ("records", records.span())
            };
            cx.report_on(r.0, format!("{} has an alias block and sets {a}; alias records take neither, and Terraform rejects the combination (\"conflicts with alias\")", r.address))
                .at(at)
                .help(format!("remove {a} from the alias record"))
                .emit(cx);
        }
        if !has_alias && (!ttl.is_set() || !records.is_set()) {
            let a = if ttl.is_set() { "records" } else { "ttl" };
            cx.report(
                &kind,
                None,
                format!(
                    "{} has no alias block and no {a}; a plain record needs both ttl and records",
                    r.address
                ),
            )
            .help("add ttl and records, or an alias block")
            .emit(cx);
        }
        // an unknown type is left alone: in practice it is an ACM validation record's
        // (`resource_record_type`, a CNAME under a `_…` label: never at an apex, never beside
        // another type), and a note on each would only be noise
        if kind.known() != Some(&RecordType::Cname) {
            continue;
        }
        let name = r.fqdn();
        let Some(fqdn) = name.known() else {
            if name.is_unknown() {
                cx.cannot_verify(
                    &name,
                    format!("where CNAME {} is", r.address),
                    "make the record name and zone known at plan time",
                );
            }
            continue;
        };
        let fqdn = norm_host(fqdn);
        if zones.contains_key(&fqdn) {
            cx.report(&kind, None, format!("{} is a CNAME at the zone apex {fqdn}; Route 53 rejects it (\"RRSet of type CNAME with DNS name {fqdn}. is not permitted at apex\")", r.address))
                .help("use an A/AAAA alias record at the apex")
                .emit(cx);
            continue;
        }
        let other = by_name.get(&fqdn).and_then(|v| {
            v.iter().find(|o| {
                o.address != r.address && o.kind().known().is_some_and(|t| *t != RecordType::Cname)
            })
        });
        if let Some(other) = other {
            let other_kind = other.kind();
            let t = other_kind.known().map_or("?", RecordType::as_str);
            cx.report(&kind, None, format!("{} is a CNAME for {fqdn}, which also has a {t} record ({}); Route 53 rejects a CNAME beside other types", r.address, other.address))
                .related(related_at(&other_kind, "the other record"))
                .help("keep one: an A/AAAA alias, or the CNAME alone")
                .emit(cx);
        }
    }
}
