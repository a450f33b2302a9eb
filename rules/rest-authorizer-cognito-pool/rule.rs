use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A Cognito REST authorizer's provider_arns must be user pool ARNs"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for a in m.resources_of("aws_api_gateway_authorizer") {
        if a.str("type") != Some("COGNITO_USER_POOLS") {
            continue;
        }
        let items = match list(a, "provider_arns") {
            None => {
                finding(&META, a, format!("Cognito authorizer {} has no provider_arns; it is required for type COGNITO_USER_POOLS and names the pools whose tokens are accepted", a.address))
                        .at(a.span("type")).help("set provider_arns = [aws_cognito_user_pool.<name>.arn]").push(out);
                continue;
            }
            Some(Err(v)) => {
                if m.links(v, "aws_cognito_user_pool").is_empty() {
                    finding(
                        &META,
                        a,
                        format!(
                            "cannot verify the user pools of {}: {}",
                            a.address,
                            origins_text(&v.origins())
                        ),
                    )
                    .place(place(a, "provider_arns", Some(v)))
                    .help("reference the pool ARNs")
                    .note()
                    .push(out);
                }
                continue;
            }
            Some(Ok(items)) => items,
        };
        if items.is_empty() {
            finding(
                &META,
                a,
                format!(
                    "Cognito authorizer {} has an empty provider_arns; no token is ever accepted",
                    a.address
                ),
            )
            .at(a.span("provider_arns"))
            .help("set provider_arns = [aws_cognito_user_pool.<name>.arn]")
            .push(out);
            continue;
        }
        for it in items {
            let origins = it.origins();
            let pool_origin = origins.iter().find(|o| {
                m.origin_resource(o)
                    .is_some_and(|r| r.rtype == "aws_cognito_user_pool")
            });
            if let Some(o) = pool_origin {
                if o.attr != "arn" && !o.attr.is_empty() {
                    finding(&META, a, format!("provider_arns of {} takes {}, not the pool's ARN; API Gateway rejects it", a.address, o.name()))
                            .place(place(a, "provider_arns", Some(it)))
                            .help(format!("use {}.arn", o.res.as_deref().unwrap_or("aws_cognito_user_pool.<name>")))
                            .push(out);
                }
                continue;
            }
            match it.as_str() {
                Some(s) => {
                    let ok = s.starts_with("arn:aws")
                        && s.contains(":cognito-idp:")
                        && s.contains(":userpool/");
                    if !ok {
                        finding(&META, a, format!("provider_arns of {} contains \"{s}\", which is not a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>)", a.address))
                                .place(place(a, "provider_arns", Some(it)))
                                .help("use the pool's ARN (aws_cognito_user_pool.<name>.arn)").push(out);
                    }
                }
                None => finding(
                    &META,
                    a,
                    format!(
                        "cannot verify a user pool of {}: {}",
                        a.address,
                        origins_text(&origins)
                    ),
                )
                .place(place(a, "provider_arns", Some(it)))
                .help("reference the pool ARN")
                .note()
                .push(out),
            }
        }
    }
}
