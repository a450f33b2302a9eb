use crate::model::cognito::by_user_pool;
use crate::model::view::{RestMethod, State, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::cognito_authorizers;

rule!(
    Error,
    "A Cognito REST authorizer used with access tokens must not set a token validation regex"
);

fn check(cx: &mut Cx) {
    let clients = by_user_pool::<UserPoolClient>(cx.m);
    for a in cognito_authorizers(cx) {
        let expr = a.identity_validation_expression();
        let re = match &expr.state {
            State::Known(s, v) if !s.is_empty() => *v,
            // a value not known here may still be a regex
            State::Unknown(v) => *v,
            _ => continue,
        };
        let scoped = cx.m.all::<RestMethod>().find(|meth| {
            meth.linked_authorizers(cx.m)
                .iter()
                .any(|x| x.address == a.address)
                && meth.authorization_scopes().test(|l| !l.is_empty()) == Some(true)
        });
        let m2m = a
            .trusted_pools(cx.m)
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .flat_map(|p| clients.get(&p.address).cloned().unwrap_or_default())
            .find(|c| c.is_m2m());
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
        cx.report(&expr, Some(re), format!("Cognito authorizer {} sets identity_validation_expression, which API Gateway matches against the token's aud claim; Cognito access tokens have no aud and {why}, so every call gets 401", a.address))
            .help("remove identity_validation_expression")
            .emit(cx);
    }
}
