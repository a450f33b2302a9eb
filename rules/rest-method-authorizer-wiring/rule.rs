use crate::model::Resource;
use crate::model::rest::{Authorization, RestAuthorizerType};
use crate::model::view::{RestApi, RestMethod};
use crate::rules::context::Cx;
use crate::rules::support::{names, origins_text, related};

rule!(
    Error,
    "A REST method's authorization type must match its authorizer"
);

fn addresses<'a>(apis: &[RestApi<'a>]) -> String {
    let rs: Vec<&Resource> = apis.iter().map(|a| a.0).collect();
    names(&rs)
}

fn check(cx: &mut Cx) {
    for method in cx.m.all::<RestMethod>() {
        let auth = method.authorization();
        let kind = match auth.known() {
            Some(k) => k.clone(),
            None => {
                if auth.is_unknown() {
                    let route = method.route(cx.m);
                    cx.cannot_verify(
                        &auth,
                        format!("whether the authorization of {route} matches its authorizer"),
                        "make authorization known at plan time",
                    );
                }
                continue;
            }
        };
        let route = method.route(cx.m);
        let aid = method.authorizer_id();
        let k = kind.as_str();
        match kind {
            Authorization::CognitoUserPools | Authorization::Custom => {
                let Some(av) = aid.val() else {
                    cx.report(&auth, None, format!("{route} has authorization {k} but no authorizer_id; API Gateway rejects it (\"Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.\")"))
                        .help("set authorizer_id = aws_api_gateway_authorizer.<name>.id")
                        .emit(cx);
                    continue;
                };
                let auths = method.linked_authorizers(cx.m);
                if auths.is_empty() {
                    if av.as_str().is_none() {
                        cx.report(
                            &aid,
                            None,
                            format!(
                                "cannot verify the authorizer of {route}: {}",
                                origins_text(&av.origins())
                            ),
                        )
                        .help("reference the authorizer: aws_api_gateway_authorizer.<name>.id")
                        .note()
                        .emit(cx);
                    }
                    continue;
                }
                for a in auths {
                    if a.kind_is_null() {
                        // as before the views: a type written as null is left alone here
                        continue;
                    }
                    let akind = a.kind();
                    let Some(atype) = akind.known() else {
                        if akind.is_unknown() {
                            cx.cannot_verify(
                                &akind,
                                format!(
                                    "whether authorizer {} of {route} (authorization {k}) is of a matching type",
                                    a.address
                                ),
                                "make the authorizer type known at plan time",
                            );
                        }
                        continue;
                    };
                    let ok = match kind {
                        Authorization::CognitoUserPools => {
                            *atype == RestAuthorizerType::CognitoUserPools
                        }
                        _ => matches!(
                            atype,
                            RestAuthorizerType::Token | RestAuthorizerType::Request
                        ),
                    };
                    if !ok {
                        let t = atype.as_str();
                        cx.report(&aid, None, format!("{route} has authorization {k} but its authorizer {} is of type {t}; API Gateway rejects the method", a.address))
                            .related(related(akind.res, akind.attr, format!("authorizer of type {t}")))
                            .help(if kind == Authorization::CognitoUserPools { "use an authorizer with type = \"COGNITO_USER_POOLS\" (the default type is TOKEN)" } else { "use a TOKEN or REQUEST (Lambda) authorizer" })
                            .emit(cx);
                        continue;
                    }
                    let mapis = method.rest_apis(cx.m);
                    let aapis = a.rest_apis(cx.m);
                    if !mapis.is_empty()
                        && !aapis.is_empty()
                        && !mapis
                            .iter()
                            .any(|x| aapis.iter().any(|y| x.address == y.address))
                    {
                        let api = a.rest_api_id();
                        cx.report(&aid, None, format!("{route} belongs to {} but its authorizer {} belongs to {}; an authorizer only serves its own API", addresses(&mapis), a.address, addresses(&aapis)))
                            .related(related(api.res, api.attr, "the authorizer's API"))
                            .help("create the authorizer on the same REST API as the method")
                            .emit(cx);
                    }
                }
            }
            Authorization::None | Authorization::AwsIam => {
                if let Some(av) = aid.val() {
                    cx.report(&aid, Some(av), format!("{route} has authorization {k} but sets authorizer_id; the authorizer is ignored and the method is not protected by it"))
                        .related(related(auth.res, auth.attr, format!("authorization {k}")))
                        .help("set authorization = \"COGNITO_USER_POOLS\" (or CUSTOM) to use the authorizer, or remove authorizer_id")
                        .emit(cx);
                }
            }
            Authorization::Other(_) => {}
        }
    }
}
