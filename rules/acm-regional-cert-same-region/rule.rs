use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;
use crate::rules::{Meta, Rule};

pub struct R;
pub static RULE: R = R;
static META: Meta = Meta {
    id: "acm-regional-cert-same-region",
    severity: Severity::Error,
    title: "A regional API domain's certificate must be in the domain's own region",
    docs: include_str!("README.md"),
};

impl Rule for R {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, m: &Model, out: &mut Vec<Finding>) {
        let why = "API Gateway cannot find the certificate and refuses to create the domain (a regional domain needs a certificate in the same region as the API)";
        for d in m.resources_of("aws_api_gateway_domain_name") {
            if rest_endpoint_type(d) != Some("REGIONAL") {
                continue;
            }
            let need = "a regional domain uses certificates of its own region";
            check_cert_region(&META, m, d, "regional_certificate_arn", &d.region, need, why, out);
        }
        for d in m.resources_of("aws_apigatewayv2_domain_name") {
            let need = "a regional domain uses certificates of its own region";
            check_cert_region(&META, m, d, "domain_name_configuration.0.certificate_arn", &d.region, need, why, out);
        }
    }
}
