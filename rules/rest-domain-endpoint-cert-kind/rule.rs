use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A REST custom domain's certificate argument must match its endpoint type"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for d in m.resources_of("aws_api_gateway_domain_name") {
        let has = |a: &str| d.get(a).is_some_and(|v| !v.is_null());
        let explicit = d
            .get("endpoint_configuration")
            .and_then(|e| e.items())
            .is_some_and(|i| !i.is_empty());
        match rest_endpoint_type(d) {
            Some("REGIONAL") => {
                if has("certificate_arn") {
                    finding(&META, d, format!("{} is REGIONAL but sets certificate_arn, the argument of EDGE domains; the create fails", d.address))
                            .at(d.span("certificate_arn")).help("use regional_certificate_arn for a REGIONAL domain").push(out);
                } else if !has("regional_certificate_arn") {
                    finding(
                        &META,
                        d,
                        format!(
                            "{} is REGIONAL but sets no regional_certificate_arn",
                            d.address
                        ),
                    )
                    .at(d.span("endpoint_configuration"))
                    .help("set regional_certificate_arn to a certificate in the API's region")
                    .push(out);
                }
            }
            Some("EDGE") => {
                if has("regional_certificate_arn") {
                    let why = if explicit {
                        "is EDGE"
                    } else {
                        "has no endpoint_configuration, so it is EDGE (the default)"
                    };
                    finding(&META, d, format!("{} {why} but sets regional_certificate_arn; the create fails", d.address))
                            .at(d.span("regional_certificate_arn"))
                            .help("add endpoint_configuration { types = [\"REGIONAL\"] }, or use certificate_arn with a us-east-1 certificate")
                            .push(out);
                } else if !has("certificate_arn") {
                    finding(
                        &META,
                        d,
                        format!("{} is EDGE but sets no certificate_arn", d.address),
                    )
                    .at(d.span("domain_name"))
                    .help("set certificate_arn to a us-east-1 certificate")
                    .push(out);
                }
            }
            _ => {}
        }
    }
}
