use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "A Cognito custom domain must be created after its parent's A record"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let (records, _) = records_by_fqdn(m);
    for d in m.resources_of("aws_cognito_user_pool_domain") {
        let Some(domain) = d.str("domain").filter(|x| x.contains('.')) else {
            continue;
        };
        let Some(parent) = parent_of(domain) else {
            continue;
        };
        let Some(rs) = records.get(&parent) else {
            continue;
        };
        let a: Vec<_> = rs.iter().filter(|r| r.str("type") == Some("A")).collect();
        if a.is_empty() || a.iter().any(|r| m.orders_after(d, &r.base)) {
            continue;
        }
        let rec = a[0];
        let mut f = finding(&META, d, format!(
                "{} is created in parallel with {}, the A record of its parent {parent}; on a first apply Cognito can fail with \"Was not able to resolve the root domain\"", d.address, rec.base))
                .at(d.attr_span("depends_on").or(d.span("domain")))
                .related(related(rec, "name", format!("A record for {parent}")))
                .help(format!("add depends_on = [{}] to {}", rec.base.rsplit_once(".aws_route53_record").map_or(rec.base.clone(), |(_, r)| format!("aws_route53_record{r}")), d.base));
        if d.attr_span("depends_on").is_none() {
            f = f.at(d.span("domain"));
        }
        f.push(out);
    }
}
