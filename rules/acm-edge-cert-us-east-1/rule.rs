use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "An edge-optimized API domain's certificate must be in us-east-1"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let east = crate::value::Val::str("us-east-1");
    for d in m.resources_of("aws_api_gateway_domain_name") {
        if rest_endpoint_type(d) != Some("EDGE") {
            continue;
        }
        check_cert_region(
            &META,
            m,
            d,
            "certificate_arn",
            &east,
            "an edge-optimized domain is served by CloudFront",
            "API Gateway rejects it (\"BadRequestException: Invalid certificate ARN … Certificate must be in 'us-east-1'\")",
            out,
        );
    }
}
