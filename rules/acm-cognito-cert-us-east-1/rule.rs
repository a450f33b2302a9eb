use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A Cognito custom domain's certificate must be in us-east-1"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let east = crate::value::Val::str("us-east-1");
    for d in m.resources_of("aws_cognito_user_pool_domain") {
        if !d.str("domain").is_some_and(|x| x.contains('.')) {
            continue;
        }
        check_cert_region(
            &META,
            m,
            d,
            "certificate_arn",
            &east,
            "Cognito serves custom domains through CloudFront, whatever the user pool's region",
            "Cognito rejects the domain (\"The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain\")",
            out,
        );
    }
}
