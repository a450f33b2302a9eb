use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A regional API domain's certificate must be in the domain's own region"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let why = "API Gateway cannot find the certificate and refuses to create the domain (a regional domain needs a certificate in the same region as the API)";
    for d in m.resources_of("aws_api_gateway_domain_name") {
        if rest_endpoint_type(d) != Some("REGIONAL") {
            continue;
        }
        if shared_with_us_east_1(m, d, "regional_certificate_arn") {
            continue; // acm-shared-cert-region-conflict explains it
        }
        let need = "a regional domain uses certificates of its own region";
        check_cert_region(
            &META,
            m,
            d,
            "regional_certificate_arn",
            &d.region,
            need,
            why,
            out,
        );
    }
    for d in m.resources_of("aws_apigatewayv2_domain_name") {
        if shared_with_us_east_1(m, d, "domain_name_configuration.0.certificate_arn") {
            continue;
        }
        let need = "a regional domain uses certificates of its own region";
        check_cert_region(
            &META,
            m,
            d,
            "domain_name_configuration.0.certificate_arn",
            &d.region,
            need,
            why,
            out,
        );
    }
}

/// The shared-certificate case is reported by acm-shared-cert-region-conflict.
fn shared_with_us_east_1(m: &Model, d: &crate::model::Resource, attr: &str) -> bool {
    d.region.as_str().is_some_and(|r| r != "us-east-1")
        && d.get(attr)
            .map(|v| m.links(v, "aws_acm_certificate"))
            .unwrap_or_default()
            .first()
            .is_some_and(|c| {
                c.region
                    .as_str()
                    .is_some_and(|cr| cr != d.region.as_str().unwrap_or(cr))
                    && !us_east_1_consumers(m, c).is_empty()
            })
}
