use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "One certificate cannot serve a us-east-1 consumer and a regional API domain in another region"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let regional = m
        .resources_of("aws_api_gateway_domain_name")
        .filter(|d| rest_endpoint_type(d) == Some("REGIONAL"))
        .map(|d| (d, "regional_certificate_arn"))
        .chain(
            m.resources_of("aws_apigatewayv2_domain_name")
                .map(|d| (d, "domain_name_configuration.0.certificate_arn")),
        );
    for (d, attr) in regional {
        let Some(v) = d.get(attr) else { continue };
        let Some(cert) = m.links(v, "aws_acm_certificate").into_iter().next() else {
            continue;
        };
        let east = us_east_1_consumers(m, cert);
        let Some(other) = east.first() else { continue };
        let Some(api_region) = d.region.as_str() else {
            continue;
        };
        if api_region == "us-east-1" {
            continue;
        }
        // a certificate in the API's own region is right for this domain: the us-east-1
        // consumer's rule reports the problem where it is
        let Some(cert_region) = cert.region.as_str() else {
            continue;
        };
        if cert_region == api_region {
            continue;
        }
        finding(&META, d, format!(
                "{} shares {} with {}, which needs it in us-east-1, while this regional domain in {api_region} needs a certificate in {api_region}; this domain fails to create (the certificate is in {cert_region})",
                d.address, cert.address, other.address))
                .place(place(d, attr, Some(v)))
                .related(related(other, "certificate_arn", "needs a us-east-1 certificate"))
                .related(related(cert, "domain_name", format!("the shared certificate ({cert_region})")))
                .help(format!("request the same names twice: one certificate with a us-east-1 provider for {}, one in {api_region} for this domain", other.address))
                .push(out);
    }
}
