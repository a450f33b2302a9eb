use crate::model::acm::{certificates_of, region_at, related_at, us_east_1_users};
use crate::model::rest::EndpointType;
use crate::model::view::{HttpDomain, RestDomain, State};
use crate::rules::context::Cx;

rule!(
    Error,
    "One certificate cannot serve a us-east-1 consumer and a regional API domain in another region"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let mut regional = Vec::new();
    for d in m.all::<RestDomain>() {
        let ty = d.endpoint_type();
        match ty.known() {
            Some(EndpointType::Regional) => regional.push(d.regional_certificate_arn()),
            Some(_) => {}
            None => cx.cannot_verify(
                &ty,
                format!("whether {} is a regional domain", d.address),
                "make endpoint_configuration.types known at plan time",
            ),
        }
    }
    regional.extend(m.all::<HttpDomain>().map(HttpDomain::certificate_arn));
    for at in regional {
        let d = at.res;
        let Some(v) = at.val() else { continue };
        let Some(cert) = certificates_of(m, &at).into_iter().next() else {
            continue;
        };
        let east = us_east_1_users(m, cert);
        let Some(other) = east.first() else { continue };
        // the same provider region (even one decided by the environment): the certificate is
        // in the API's own region
        if d.region == cert.region {
            continue;
        }
        let api_region = region_at(d, &at);
        let api_region = match api_region.state {
            State::Known(r, _) => r,
            _ => {
                cx.cannot_verify(
                    &api_region,
                    format!(
                        "whether {} can share {} with {}, which needs it in us-east-1",
                        d.address, cert.address, other.res.address
                    ),
                    "set the provider region explicitly (provider \"aws\" { region = ... })",
                );
                continue;
            }
        };
        if api_region == "us-east-1" {
            continue;
        }
        // a certificate in the API's own region is right for this domain: the us-east-1
        // consumer's rule reports the problem where it is
        let cert_region = region_at(cert.0, &at);
        let cert_region = match cert_region.state {
            State::Known(r, _) => r,
            _ => {
                cx.cannot_verify(
                    &cert_region,
                    format!(
                        "whether {} can share {} with {}, which needs it in us-east-1",
                        d.address, cert.address, other.res.address
                    ),
                    "set the provider region explicitly (provider \"aws\" { region = ... })",
                );
                continue;
            }
        };
        if cert_region == api_region {
            continue;
        }
        cx.report(&at, Some(v), format!(
                "{} shares {} with {}, which needs it in us-east-1, while this regional domain in {api_region} needs a certificate in {api_region}; this domain fails to create (the certificate is in {cert_region})",
                d.address, cert.address, other.res.address))
                .related(related_at(other, "needs a us-east-1 certificate"))
                .related(related_at(&cert.domain_name(), format!("the shared certificate ({cert_region})")))
                .help(format!("request the same names twice: one certificate with a us-east-1 provider for {}, one in {api_region} for this domain", other.res.address))
                .emit(cx);
    }
}
