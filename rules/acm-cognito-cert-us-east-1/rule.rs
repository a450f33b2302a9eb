use crate::model::acm::check_cert_region;
use crate::model::view::UserPoolDomain;
use crate::rules::context::Cx;

rule!(
    Error,
    "A Cognito custom domain's certificate must be in us-east-1"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let east = crate::value::Val::str("us-east-1");
    for d in m.all::<UserPoolDomain>() {
        let custom = d.is_custom();
        if custom.is_unknown() {
            cx.cannot_verify(
                &custom,
                format!("whether {} is a custom domain", d.address),
                "make the domain known at plan time (a literal, a variable with a value)",
            );
            continue;
        }
        // a prefix domain is Amazon's, with Amazon's certificate
        if custom.known() != Some(&true) {
            continue;
        }
        check_cert_region(
            cx,
            &d.certificate_arn(),
            &east,
            "Cognito serves custom domains through CloudFront, whatever the user pool's region",
            "Cognito rejects the domain (\"The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain\")",
        );
    }
}
