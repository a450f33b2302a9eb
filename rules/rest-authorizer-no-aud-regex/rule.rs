use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A Cognito REST authorizer used with access tokens must not set a token validation regex"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let clients = by_pool(m, "aws_cognito_user_pool_client");
    for a in m.resources_of("aws_api_gateway_authorizer") {
        if a.str("type") != Some("COGNITO_USER_POOLS") {
            continue;
        }
        let Some(re) = a
            .get("identity_validation_expression")
            .filter(|v| !v.is_null() && v.as_str() != Some(""))
        else {
            continue;
        };
        let scoped = m.resources_of("aws_api_gateway_method").find(|meth| {
            meth.get("authorizer_id").is_some_and(|v| {
                m.links(v, "aws_api_gateway_authorizer")
                    .iter()
                    .any(|x| x.address == a.address)
            }) && matches!(list(meth, "authorization_scopes"), Some(Ok(l)) if !l.is_empty())
        });
        let m2m = a
            .get("provider_arns")
            .and_then(|p| pools_of(m, p).ok())
            .unwrap_or_default()
            .into_iter()
            .flat_map(|p| clients.get(&p.address).cloned().unwrap_or_default())
            .find(|c| is_m2m(c));
        let why = match (scoped, m2m) {
            (Some(meth), _) => format!(
                "{} requires scopes, so callers send access tokens",
                meth.address
            ),
            (None, Some(c)) => format!(
                "client_credentials client {} only gets access tokens",
                c.address
            ),
            _ => continue,
        };
        finding(&META, a, format!("Cognito authorizer {} sets identity_validation_expression, which API Gateway matches against the token's aud claim; Cognito access tokens have no aud and {why}, so every call gets 401", a.address))
                .place(place(a, "identity_validation_expression", Some(re)))
                .help("remove identity_validation_expression")
                .push(out);
    }
}
