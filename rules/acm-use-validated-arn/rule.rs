use crate::finding::Severity;
use crate::model::acm::{
    ConsumerKind, cert_consumers, certificates_of, related_at, validations_by_cert,
};
use crate::model::view::{CertificateValidation, UserPoolDomain, View};
use crate::rules::context::Cx;

rule!(
    Warning,
    "Certificate consumers must wait for the certificate's validation"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let validations = validations_by_cert(m);
    for c in cert_consumers(m) {
        let res = c.res;
        let cognito = c.kind == ConsumerKind::Cognito;
        if cognito && let Some(d) = m.view::<UserPoolDomain>(res) {
            // a certificate_arn makes it a custom domain whatever its name
            let custom = d.is_custom();
            if custom.is_unknown() {
                cx.cannot_verify(
                    &custom,
                    format!("whether {} is a custom domain", res.address),
                    "make the domain known at plan time (a literal, a variable with a value)",
                );
                continue;
            }
            if custom.known() != Some(&true) {
                continue;
            }
        }
        let at = c.certificate_arn();
        let Some(v) = at.val() else {
            continue;
        };
        let certs = certificates_of(m, &at);
        let Some(cert) = certs.iter().copied().find(|c| c.is_managed()) else {
            if certs.is_empty() && at.is_unknown() {
                cx.cannot_verify(
                    &at,
                    format!(
                        "that the certificate of {} is issued before it is used",
                        res.address
                    ),
                    &format!(
                        "use the certificate_arn of an {} (or make the ARN known at plan time)",
                        CertificateValidation::TYPE
                    ),
                );
            }
            continue;
        };
        let vals: Vec<CertificateValidation> =
            validations.get(&cert.address).cloned().unwrap_or_default();
        if vals.iter().any(|val| m.orders_after(res, &val.base)) {
            continue;
        }
        let sev = if cognito {
            Severity::Error
        } else {
            Severity::Warning
        };
        let (msg, help) = match vals.first() {
            Some(val) => (
                format!(
                    "{} uses {} without waiting for {}; Terraform may create it while the certificate is still PENDING_VALIDATION{}",
                    res.address,
                    cert.address,
                    val.base,
                    if cognito {
                        ", and Cognito then fails with InvalidParameterException"
                    } else {
                        ", which API Gateway does not accept"
                    }
                ),
                format!(
                    "use {}.certificate_arn (or add depends_on = [{}])",
                    val.base, val.base
                ),
            ),
            None => (
                format!(
                    "{} uses {}, which no {} in this configuration waits for; the consumer can be created before the certificate is issued",
                    res.address,
                    cert.address,
                    CertificateValidation::TYPE
                ),
                format!(
                    "add an {} for the certificate and use its certificate_arn",
                    CertificateValidation::TYPE
                ),
            ),
        };
        // with no validation resource at all the certificate may be validated elsewhere
        let sev = if vals.is_empty() { Severity::Note } else { sev };
        let msg = if vals.is_empty() {
            format!("cannot verify that the certificate is issued before it is used: {msg}")
        } else {
            msg
        };
        cx.report(&at, Some(v), msg)
            .help(help)
            .severity(sev)
            .related(related_at(&cert.domain_name(), "the certificate"))
            .emit(cx);
    }
}
