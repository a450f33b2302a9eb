use crate::model::rest::EndpointType;
use crate::model::view::RestDomain;
use crate::rules::context::Cx;

rule!(
    Error,
    "A REST custom domain's certificate argument must match its endpoint type"
);

fn check(cx: &mut Cx) {
    for d in cx.m.all::<RestDomain>() {
        let cert = d.certificate_arn();
        let regional = d.regional_certificate_arn();
        let explicit = d.endpoint_configuration().test(|i| !i.is_empty()) == Some(true);
        let kind = d.endpoint_type();
        match kind.known() {
            Some(EndpointType::Regional) => {
                if cert.is_set() {
                    cx.report(&cert, None, format!("{} is REGIONAL but sets certificate_arn, the argument of EDGE domains; the create fails", d.address))
                        .help("use regional_certificate_arn for a REGIONAL domain")
                        .emit(cx);
                } else if !regional.is_set() {
                    cx.report(
                        &d.endpoint_configuration(),
                        None,
                        format!(
                            "{} is REGIONAL but sets no regional_certificate_arn",
                            d.address
                        ),
                    )
                    .help("set regional_certificate_arn to a certificate in the API's region")
                    .emit(cx);
                }
            }
            Some(EndpointType::Edge) => {
                if regional.is_set() {
                    let why = if explicit {
                        "is EDGE"
                    } else {
                        "has no endpoint_configuration, so it is EDGE (the default)"
                    };
                    cx.report(&regional, None, format!("{} {why} but sets regional_certificate_arn; the create fails", d.address))
                        .help("add endpoint_configuration { types = [\"REGIONAL\"] }, or use certificate_arn with a us-east-1 certificate")
                        .emit(cx);
                } else if !cert.is_set() {
                    cx.report(
                        &d.domain_name(),
                        None,
                        format!("{} is EDGE but sets no certificate_arn", d.address),
                    )
                    .help("set certificate_arn to a us-east-1 certificate")
                    .emit(cx);
                }
            }
            Some(_) => {}
            None => cx.cannot_verify(
                &kind,
                format!("the endpoint type of {}", d.address),
                "make endpoint_configuration.types known at plan time",
            ),
        }
    }
}
