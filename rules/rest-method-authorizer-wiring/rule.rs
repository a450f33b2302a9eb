use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A REST method's authorization type must match its authorizer"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for method in m.resources_of("aws_api_gateway_method") {
        let Some(kind) = method.str("authorization") else {
            continue;
        };
        let route = rest_route(m, method);
        let aid = method.get("authorizer_id").filter(|v| !v.is_null());
        match kind {
            "COGNITO_USER_POOLS" | "CUSTOM" => {
                let Some(aid) = aid else {
                    finding(&META, method, format!("{route} has authorization {kind} but no authorizer_id; API Gateway rejects it (\"Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.\")"))
                            .at(method.span("authorization")).help("set authorizer_id = aws_api_gateway_authorizer.<name>.id").push(out);
                    continue;
                };
                let auths = m.links(aid, "aws_api_gateway_authorizer");
                if auths.is_empty() {
                    if aid.as_str().is_none() {
                        finding(
                            &META,
                            method,
                            format!(
                                "cannot verify the authorizer of {route}: {}",
                                origins_text(&aid.origins())
                            ),
                        )
                        .at(method.span("authorizer_id"))
                        .help("reference the authorizer: aws_api_gateway_authorizer.<name>.id")
                        .note()
                        .push(out);
                    }
                    continue;
                }
                for a in auths {
                    let atype = a.get("type").map(|t| t.as_str()).unwrap_or(Some("TOKEN"));
                    let Some(atype) = atype else { continue };
                    let ok = match kind {
                        "COGNITO_USER_POOLS" => atype == "COGNITO_USER_POOLS",
                        _ => atype == "TOKEN" || atype == "REQUEST",
                    };
                    if !ok {
                        finding(&META, method, format!("{route} has authorization {kind} but its authorizer {} is of type {atype}; API Gateway rejects the method", a.address))
                                .at(method.span("authorizer_id"))
                                .related(related(a, "type", format!("authorizer of type {atype}")))
                                .help(if kind == "COGNITO_USER_POOLS" { "use an authorizer with type = \"COGNITO_USER_POOLS\" (the default type is TOKEN)" } else { "use a TOKEN or REQUEST (Lambda) authorizer" })
                                .push(out);
                        continue;
                    }
                    let mapis = method
                        .get("rest_api_id")
                        .map(|v| m.links(v, "aws_api_gateway_rest_api"))
                        .unwrap_or_default();
                    let aapis = a
                        .get("rest_api_id")
                        .map(|v| m.links(v, "aws_api_gateway_rest_api"))
                        .unwrap_or_default();
                    if !mapis.is_empty()
                        && !aapis.is_empty()
                        && !mapis
                            .iter()
                            .any(|x| aapis.iter().any(|y| x.address == y.address))
                    {
                        finding(&META, method, format!("{route} belongs to {} but its authorizer {} belongs to {}; an authorizer only serves its own API", names(&mapis), a.address, names(&aapis)))
                                .at(method.span("authorizer_id"))
                                .related(related(a, "rest_api_id", "the authorizer's API"))
                                .help("create the authorizer on the same REST API as the method").push(out);
                    }
                }
            }
            "NONE" | "AWS_IAM" => {
                if let Some(aid) = aid {
                    finding(&META, method, format!("{route} has authorization {kind} but sets authorizer_id; the authorizer is ignored and the method is not protected by it"))
                            .place(place(method, "authorizer_id", Some(aid)))
                            .related(related(method, "authorization", format!("authorization {kind}")))
                            .help("set authorization = \"COGNITO_USER_POOLS\" (or CUSTOM) to use the authorizer, or remove authorizer_id").push(out);
                }
            }
            _ => {}
        }
    }
}
