use crate::model::r53::{RecordType, depends_on_span, is_unknown, records_by_fqdn, related_at};
use crate::model::view::UserPoolDomain;
use crate::rules::context::Cx;
use crate::rules::support::parent_of;

rule!(
    Warning,
    "A Cognito custom domain must be created after its parent's A record"
);

fn check(cx: &mut Cx) {
    let (records, _) = records_by_fqdn(cx.m);
    for d in cx.m.all::<UserPoolDomain>() {
        // a prefix domain (also one whose unknown parts cannot hold a dot) is Amazon's
        if d.is_custom().known() == Some(&false) {
            continue;
        }
        let dom = d.domain();
        let Some(domain) = dom.known().copied().filter(|x| x.contains('.')) else {
            if is_unknown(&dom) {
                cx.cannot_verify(
                    &dom,
                    format!("that {} is created after its parent's A record", d.address),
                    "make the domain known at plan time",
                );
            }
            continue;
        };
        let Some(parent) = parent_of(domain) else {
            continue;
        };
        let Some(rs) = records.get(&parent) else {
            continue;
        };
        let a: Vec<_> = rs
            .iter()
            .filter(|r| r.kind().known() == Some(&RecordType::A))
            .collect();
        if a.is_empty() || a.iter().any(|r| r.created_before(cx.m, d.0)) {
            continue;
        }
        let rec = a[0];
        cx.report(&dom, None, format!(
                "{} is created in parallel with {}, the A record of its parent {parent}; on a first apply Cognito can fail with \"Was not able to resolve the root domain\"", d.address, rec.base))
            .at(depends_on_span(d.0))
            .related(related_at(&rec.name(), format!("A record for {parent}")))
            .help(format!("add depends_on = [{}] to {}", rec.local_address(), d.base))
            .emit(cx);
    }
}
