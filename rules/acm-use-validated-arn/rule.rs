use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "Certificate consumers must wait for the certificate's validation"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let validations = validations_by_cert(m);
    for (rtype, _, attrs) in CERT_CONSUMERS {
        for res in m.resources_of(rtype) {
            if rtype == "aws_cognito_user_pool_domain"
                && !res.str("domain").is_some_and(|d| d.contains('.'))
            {
                continue;
            }
            let Some((attr, v)) = attrs
                .iter()
                .find_map(|a| res.get(a).filter(|v| !v.is_null()).map(|v| (*a, v)))
            else {
                continue;
            };
            let Some(cert) = m
                .links(v, "aws_acm_certificate")
                .into_iter()
                .find(|c| c.mode == crate::load::module::Mode::Managed)
            else {
                continue;
            };
            let vals = validations.get(&cert.address).cloned().unwrap_or_default();
            if vals.iter().any(|val| m.orders_after(res, &val.base)) {
                continue;
            }
            let cognito = rtype == "aws_cognito_user_pool_domain";
            let sev = if cognito {
                Severity::Error
            } else {
                Severity::Warning
            };
            let (msg, help) = match vals.first() {
                    Some(val) => (
                        format!("{} uses {} without waiting for {}; Terraform may create it while the certificate is still PENDING_VALIDATION{}", res.address, cert.address, val.base,
                            if cognito { ", and Cognito then fails with InvalidParameterException" } else { ", which API Gateway does not accept" }),
                        format!("use {}.certificate_arn (or add depends_on = [{}])", val.base, val.base),
                    ),
                    None => (
                        format!("{} uses {}, which no aws_acm_certificate_validation in this configuration waits for; the consumer can be created before the certificate is issued", res.address, cert.address),
                        "add an aws_acm_certificate_validation for the certificate and use its certificate_arn".to_string(),
                    ),
                };
            // with no validation resource at all the certificate may be validated elsewhere
            let sev = if vals.is_empty() { Severity::Note } else { sev };
            let msg = if vals.is_empty() {
                format!("cannot verify that the certificate is issued before it is used: {msg}")
            } else {
                msg
            };
            let mut f = finding(&META, res, msg)
                .place(place(res, attr, Some(v)))
                .help(help)
                .severity(sev);
            f = f.related(related(cert, "domain_name", "the certificate"));
            f.push(out);
        }
    }
}
