use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "aws_acm_certificate_validation must reference its certificate and records, in the certificate's region"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for v in m.resources_of("aws_acm_certificate_validation") {
        let Some(arn) = v.get("certificate_arn") else {
            continue;
        };
        let Some(cert) = m.links(arn, "aws_acm_certificate").into_iter().next() else {
            continue;
        };
        if let (Some(vr), Some(cr)) = (v.region.as_str(), cert.region.as_str())
            && vr != cr
        {
            finding(&META, v, format!("{} runs in {vr} but {} is in {cr}; the provider looks for the certificate in {vr} and reports it missing or never issued", v.address, cert.address))
                        .at(v.attr_span("provider").or(v.span("certificate_arn")))
                        .related(related(cert, "domain_name", format!("certificate in {cr}")))
                        .help(format!("give the validation the certificate's provider (e.g. provider = aws.{})", cr.replace('-', "_")))
                        .push(out);
        }
        match v.get("validation_record_fqdns") {
            None => {
                if cert.get("validation_method").and_then(|x| x.as_str()) != Some("EMAIL") {
                    finding(&META, v, format!("{} has no validation_record_fqdns: it does not wait for the DNS records and skips the provider's check of them", v.address))
                            .at(v.span("certificate_arn"))
                            .help("set validation_record_fqdns = [for r in aws_route53_record.<validation> : r.fqdn]")
                            .note()
                            .push(out);
                }
            }
            Some(fq) => {
                let refs_records = fq.origins().iter().any(|o| o.attr == "fqdn")
                    || fq
                        .items()
                        .is_some_and(|i| i.iter().any(|x| x.as_str().is_some()));
                if !refs_records && !fq.has_unknown() {
                    finding(
                        &META,
                        v,
                        format!(
                            "validation_record_fqdns of {} does not reference the records' fqdn",
                            v.address
                        ),
                    )
                    .at(v.span("validation_record_fqdns"))
                    .help("use [for r in aws_route53_record.<validation> : r.fqdn]")
                    .severity(Severity::Warning)
                    .push(out);
                }
            }
        }
    }
}
