use crate::model::acm::{
    check_cert_region, user_pool_domain_certificate_arn, user_pool_domain_domain,
};
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
        let domain = user_pool_domain_domain(d);
        if domain.is_unknown() {
            cx.cannot_verify(
                &domain,
                format!("whether {} is a custom domain", d.address),
                "make the domain known at plan time (a literal, a variable with a value)",
            );
            continue;
        }
        // a prefix domain (no dot) is Amazon's, with Amazon's certificate
        if !domain.known().is_some_and(|x| x.contains('.')) {
            continue;
        }
        check_cert_region(
            cx,
            &user_pool_domain_certificate_arn(d),
            &east,
            "Cognito serves custom domains through CloudFront, whatever the user pool's region",
            "Cognito rejects the domain (\"The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain\")",
        );
    }
}
