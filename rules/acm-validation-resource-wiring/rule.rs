use crate::model::acm::{ValidationMethod, certificates_of, region_at, related_at};
use crate::model::view::{CertificateValidation, State};
use crate::rules::context::Cx;

rule!(
    Error,
    "aws_acm_certificate_validation must reference its certificate and records, in the certificate's region"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    for v in m.all::<CertificateValidation>() {
        let arn = v.certificate_arn();
        let Some(cert) = certificates_of(m, &arn).into_iter().next() else {
            if arn.is_unknown() {
                cx.cannot_verify(
                    &arn,
                    format!("which certificate {} validates", v.address),
                    "reference the certificate's arn (aws_acm_certificate.<name>.arn)",
                );
            }
            continue;
        };
        let (vr, cr) = (region_at(v.0, &arn), region_at(cert.0, &arn));
        match (&vr.state, &cr.state) {
            (State::Known(vr, _), State::Known(cr, _)) if vr != cr => {
                let at = v.provider_span().or(arn.span());
                cx.report_on(v.0, format!("{} runs in {vr} but {} is in {cr}; the provider looks for the certificate in {vr} and reports it missing or never issued", v.address, cert.address))
                    .at(at)
                    .related(related_at(&cert.domain_name(), format!("certificate in {cr}")))
                    .help(format!("give the validation the certificate's provider (e.g. provider = aws.{})", cr.replace('-', "_")))
                    .emit(cx);
            }
            (State::Known(..), State::Known(..)) => {}
            // one provider region for both, even if the environment decides it
            _ if v.region == cert.region => {}
            _ => {
                let unknown = if vr.is_unknown() { &vr } else { &cr };
                cx.cannot_verify(
                    unknown,
                    format!("that {} runs in the region of {}", v.address, cert.address),
                    "give the validation the certificate's provider, with an explicit region",
                );
            }
        }
        let fq = v.validation_record_fqdns();
        match fq.val() {
            None => {
                if cert.validation_method().known() != Some(&ValidationMethod::Email) {
                    cx.report(&arn, None, format!("{} has no validation_record_fqdns: it does not wait for the DNS records and skips the provider's check of them", v.address))
                        .help("set validation_record_fqdns = [for r in aws_route53_record.<validation> : r.fqdn]")
                        .note()
                        .emit(cx);
                }
            }
            Some(fqv) => {
                let refs_records = fqv.origins().iter().any(|o| o.attr == "fqdn")
                    || fqv
                        .items()
                        .is_some_and(|i| i.iter().any(|x| x.as_str().is_some()));
                let email = cert.validation_method().known() == Some(&ValidationMethod::Email);
                if !refs_records && !fqv.has_unknown() && !email {
                    cx.report(
                        &fq,
                        None,
                        format!(
                            "validation_record_fqdns of {} does not reference the records' fqdn",
                            v.address
                        ),
                    )
                    .help("use [for r in aws_route53_record.<validation> : r.fqdn]")
                    .note()
                    .emit(cx);
                }
            }
        }
    }
}
