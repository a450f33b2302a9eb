use crate::model::Model;
use crate::model::acm::{certificates_of, check_cert_region, us_east_1_users};
use crate::model::rest::EndpointType;
use crate::model::view::{Got, HttpDomain, RestDomain};
use crate::rules::context::Cx;
use crate::value::Val;

rule!(
    Error,
    "A regional API domain's certificate must be in the domain's own region"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let why = "API Gateway cannot find the certificate and refuses to create the domain (a regional domain needs a certificate in the same region as the API)";
    let need = "a regional domain uses certificates of its own region";
    for d in m.all::<RestDomain>() {
        let ty = d.endpoint_type();
        match ty.known() {
            Some(EndpointType::Regional) => {}
            Some(_) => continue,
            None => {
                cx.cannot_verify(
                    &ty,
                    format!("whether {} is a regional domain", d.address),
                    "make endpoint_configuration.types known at plan time",
                );
                continue;
            }
        }
        let cert = d.regional_certificate_arn();
        if shared_with_us_east_1(m, &cert) {
            continue; // acm-shared-cert-region-conflict explains it
        }
        check_cert_region(cx, &cert, &d.region, need, why);
    }
    for d in m.all::<HttpDomain>() {
        let cert = d.certificate_arn();
        if shared_with_us_east_1(m, &cert) {
            continue;
        }
        check_cert_region(cx, &cert, &d.region, need, why);
    }
}

/// The shared-certificate case is reported by acm-shared-cert-region-conflict.
fn shared_with_us_east_1<'a>(m: &'a Model, cert: &Got<'a, &'a Val>) -> bool {
    let d = cert.res;
    d.region.as_str().is_some_and(|r| r != "us-east-1")
        && certificates_of(m, cert).first().is_some_and(|c| {
            c.region
                .as_str()
                .is_some_and(|cr| cr != d.region.as_str().unwrap_or(cr))
                && !us_east_1_users(m, *c).is_empty()
        })
}
