use crate::model::acm::check_cert_region;
use crate::model::rest::EndpointType;
use crate::model::view::RestDomain;
use crate::rules::context::Cx;

rule!(
    Error,
    "An edge-optimized API domain's certificate must be in us-east-1"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let east = crate::value::Val::str("us-east-1");
    for d in m.all::<RestDomain>() {
        // an unknown types list counts as EDGE, the default (as the us-east-1 index counts it)
        let ty = d.endpoint_type();
        match ty.known() {
            Some(EndpointType::Edge) => {}
            Some(_) => continue,
            None => {
                cx.cannot_verify(
                    &ty,
                    format!("whether {} is edge-optimized", d.address),
                    "make endpoint_configuration.types known at plan time",
                );
                continue;
            }
        }
        check_cert_region(
            cx,
            &d.certificate_arn(),
            &east,
            "an edge-optimized domain is served by CloudFront",
            "API Gateway rejects it (\"BadRequestException: Invalid certificate ARN … Certificate must be in 'us-east-1'\")",
        );
    }
}
