use crate::model::http::{HttpAuthorizerType, Protocol, related_at};
use crate::model::view::{HttpAuthorizer, State};
use crate::rules::context::Cx;
use crate::rules::support::origins_text;

rule!(
    Error,
    "A JWT authorizer needs an HTTP API, one identity source, and an issuer"
);

fn check(cx: &mut Cx) {
    for a in cx.m.all::<HttpAuthorizer>() {
        let kind = a.kind();
        match &kind.state {
            State::Known(HttpAuthorizerType::Jwt, _) => {}
            State::Unknown(_) => {
                cx.cannot_verify(
                    &kind,
                    format!("whether {} is a JWT authorizer", a.address),
                    "make authorizer_type known at plan time",
                );
                continue;
            }
            State::Known(HttpAuthorizerType::Other(t), _) => {
                let body = if a.from_body() {
                    " (in an OpenAPI body, API Gateway drops it with an import warning, and the routes that name it are left open)"
                } else {
                    ""
                };
                cx.report(&kind, None, format!("authorizer {} has type {t}, which HTTP APIs do not have: their authorizers are JWT or REQUEST (a Lambda){body}", a.address))
                    .help("for a Cognito user pool use a JWT authorizer: issuer https://cognito-idp.<region>.amazonaws.com/<pool id>, audience = the app client ids")
                    .emit(cx);
                continue;
            }
            _ => continue,
        }
        let jwt = a.jwt_configuration();
        let issuer = a.issuer();
        match &jwt.state {
            // a dynamic block whose for_each is not known yet: present or not is undecided
            State::Unknown(j) if j.is_unknown() => cx
                .report(&jwt, None, format!("cannot verify the jwt_configuration of {}: its dynamic block depends on values not known here ({})", a.address, origins_text(&j.origins())))
                .help("pass the real values with --var/--var-file, or lint the plan")
                .note()
                .emit(cx),
            State::Known(l, _) if !l.is_empty() => {
                if issuer.is_absent() {
                    cx.report(&jwt, None, format!("JWT authorizer {} has no issuer", a.address))
                        .help("issuer = \"https://${aws_cognito_user_pool.<name>.endpoint}\"")
                        .emit(cx);
                }
            }
            _ => cx
                .report(&kind, None, format!("JWT authorizer {} has no jwt_configuration; it needs an issuer and an audience", a.address))
                .help("add jwt_configuration { issuer = ..., audience = [...] }")
                .emit(cx),
        }
        let sources = a.identity_sources();
        match &sources.state {
            State::Absent => cx
                .report(&kind, None, format!("JWT authorizer {} has no identity_sources; API Gateway needs to know where the token is", a.address))
                .help("identity_sources = [\"$request.header.Authorization\"]")
                .emit(cx),
            State::Known(l, _) if l.len() != 1 => cx
                .report(&sources, None, format!("JWT authorizer {} has {} identity_sources; a JWT authorizer reads exactly one", a.address, l.len()))
                .help("identity_sources = [\"$request.header.Authorization\"]")
                .emit(cx),
            State::Unknown(_) => cx.cannot_verify(
                &sources,
                format!("the identity_sources of {}", a.address),
                "identity_sources = [\"$request.header.Authorization\"]",
            ),
            _ => {}
        }
        for api in a.apis(cx.m) {
            let p = api.protocol_type();
            match p.known() {
                Some(Protocol::Http) => {}
                Some(t) => {
                    let t = t.as_str();
                    cx.report(&a.api_id(), None, format!("JWT authorizer {} belongs to {}, whose protocol_type is {t}; JWT authorizers exist only for HTTP APIs", a.address, api.address))
                        .related(related_at(&p, format!("{t} API")))
                        .help("use a Lambda (REQUEST) authorizer on WebSocket APIs")
                        .emit(cx);
                }
                None if p.is_unknown() => cx.cannot_verify(
                    &p,
                    format!(
                        "the protocol_type of {}, the API of JWT authorizer {}",
                        api.address, a.address
                    ),
                    "make protocol_type known at plan time",
                ),
                None => {}
            }
        }
    }
}
