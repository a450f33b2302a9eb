use crate::finding::Severity;
use crate::model::http::{HttpAuthorizerType, RouteAuthorization, addresses, related_at};
use crate::model::view::HttpRoute;
use crate::rules::context::Cx;

rule!(
    Error,
    "An HTTP API route's authorization type must match its authorizer"
);

fn check(cx: &mut Cx) {
    for r in cx.m.all::<HttpRoute>() {
        let key = r.route_key().into_known().unwrap_or("?");
        if r.authorization_type_is_null() {
            // as before the views: a null authorization type is left alone here
            continue;
        }
        let kind = r.authorization_type();
        let Some(k) = kind.known() else {
            cx.cannot_verify(
                &kind,
                format!("the authorization type of route {key}"),
                "make authorization_type known at plan time",
            );
            continue;
        };
        let aid = r.authorizer_id();
        match (k, aid.val()) {
            (RouteAuthorization::Jwt, None) => cx.report(&kind, None, format!("route {key} has authorization_type JWT but no authorizer_id; API Gateway rejects it (\"Setting the authorization type to JWT requires a valid JWT authorizer\")"))
                .help("set authorizer_id = aws_apigatewayv2_authorizer.<name>.id").emit(cx),
            (RouteAuthorization::Jwt, Some(_)) => {
                for a in r.authorizers(cx.m) {
                    let akind = a.kind();
                    match akind.known() {
                        Some(HttpAuthorizerType::Jwt) => {}
                        Some(t) => {
                            let t = t.as_str();
                            cx.report(&aid, None, format!("route {key} has authorization_type JWT but its authorizer {} is of type {t}", a.address))
                                .related(related_at(&akind, format!("{t} authorizer"))).help("use a JWT authorizer, or authorization_type = \"CUSTOM\" for a Lambda authorizer").emit(cx);
                        }
                        None if akind.is_unknown() => cx.cannot_verify(
                            &akind,
                            format!("whether authorizer {} of route {key} is a JWT authorizer", a.address),
                            "make authorizer_type known at plan time",
                        ),
                        None => {}
                    }
                    let rapi = r.apis(cx.m);
                    let aapi = a.apis(cx.m);
                    if !rapi.is_empty() && !aapi.is_empty() && !rapi.iter().any(|x| aapi.iter().any(|y| x.address == y.address)) {
                        cx.report(&aid, None, format!("route {key} belongs to {} but its authorizer {} belongs to {}", addresses(&rapi), a.address, addresses(&aapi)))
                            .related(related_at(&a.api_id(), "the authorizer's API")).help("create the authorizer on the route's API").emit(cx);
                    }
                }
            }
            (RouteAuthorization::None, Some(v)) => cx.report(&aid, Some(v), format!("route {key} sets authorizer_id but its authorization_type is NONE (the default); the route looks protected but is open"))
                .help("set authorization_type = \"JWT\"")
                .severity(Severity::Warning)
                .emit(cx),
            _ => {}
        }
    }
}
