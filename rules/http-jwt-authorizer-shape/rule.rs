use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A JWT authorizer needs an HTTP API, one identity source, and an issuer"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for a in m.resources_of("aws_apigatewayv2_authorizer") {
        if a.str("authorizer_type") != Some("JWT") {
            continue;
        }
        if let Some(j) = a.get("jwt_configuration").filter(|j| j.is_unknown()) {
            // a dynamic block whose for_each is not known yet: present or not is undecided
            finding(&META, a, format!("cannot verify the jwt_configuration of {}: its dynamic block depends on values not known here ({})", a.address, origins_text(&j.origins())))
                    .at(a.span("jwt_configuration")).help("pass the real values with --var/--var-file, or lint the plan").note().push(out);
        } else if a
            .get("jwt_configuration")
            .and_then(|j| j.items())
            .is_none_or(|i| i.is_empty())
        {
            finding(&META, a, format!("JWT authorizer {} has no jwt_configuration; it needs an issuer and an audience", a.address))
                    .at(a.span("authorizer_type")).help("add jwt_configuration { issuer = ..., audience = [...] }").push(out);
        } else if a
            .get("jwt_configuration.0.issuer")
            .is_none_or(|v| v.is_null())
        {
            finding(
                &META,
                a,
                format!("JWT authorizer {} has no issuer", a.address),
            )
            .at(a.span("jwt_configuration"))
            .help("issuer = \"https://${aws_cognito_user_pool.<name>.endpoint}\"")
            .push(out);
        }
        match list(a, "identity_sources") {
                None => finding(&META, a, format!("JWT authorizer {} has no identity_sources; API Gateway needs to know where the token is", a.address))
                    .at(a.span("authorizer_type")).help("identity_sources = [\"$request.header.Authorization\"]").push(out),
                Some(Ok(l)) if l.len() != 1 => finding(&META, a, format!("JWT authorizer {} has {} identity_sources; a JWT authorizer reads exactly one", a.address, l.len()))
                    .at(a.span("identity_sources")).help("identity_sources = [\"$request.header.Authorization\"]").push(out),
                _ => {}
            }
        for api in a
            .get("api_id")
            .map(|v| m.links(v, "aws_apigatewayv2_api"))
            .unwrap_or_default()
        {
            if let Some(p) = api.str("protocol_type").filter(|p| *p != "HTTP") {
                finding(&META, a, format!("JWT authorizer {} belongs to {}, whose protocol_type is {p}; JWT authorizers exist only for HTTP APIs", a.address, api.address))
                        .at(a.span("api_id")).related(related(api, "protocol_type", format!("{p} API"))).help("use a Lambda (REQUEST) authorizer on WebSocket APIs").push(out);
            }
        }
    }
}
