use crate::finding::{Finding, Severity};
use crate::model::cognito::ScopeIndex;
use crate::model::rest::Authorization;
use crate::model::view::{RestMethod, State, UserPool};
use crate::rules::context::Cx;
use crate::rules::support::{Scopes, check_defined, names, origins_text, related};

rule!(
    Error,
    "REST method scopes must be defined by a resource server of the authorizer's user pool"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let servers = ScopeIndex::new(m);
    for method in m.all::<RestMethod>() {
        let auth = method.authorization();
        let cognito = auth.test(|k| *k == Authorization::CognitoUserPools);
        if cognito == Some(false) {
            continue;
        }
        let scopes = method.authorization_scopes();
        match &scopes.state {
            State::Absent | State::Default(_) => continue,
            State::Known(l, _) if l.is_empty() => continue,
            _ => {}
        }
        let route = method.route(m);
        if cognito.is_none() {
            cx.cannot_verify(
                &auth,
                format!("whether the scopes of {route} are checked against a Cognito authorizer"),
                "make authorization known at plan time",
            );
            continue;
        }
        let auths = method.linked_authorizers(m);
        if auths.is_empty() {
            cx.report(&method.authorizer_id(), None, format!(
                    "cannot verify the scopes of {route}: authorizer_id does not point at an aws_api_gateway_authorizer in this configuration"))
                .help("reference the authorizer: authorizer_id = aws_api_gateway_authorizer.<name>.id")
                .note()
                .emit(cx);
            continue;
        }
        let mut pools: Vec<UserPool> = Vec::new();
        let mut unknown = None;
        for a in &auths {
            match a.trusted_pools(m) {
                None => {}
                Some(Ok(p)) => pools.extend(p),
                Some(Err(o)) => unknown = Some((a, o)),
            }
        }
        if let Some((a, o)) = unknown {
            let arns = a.provider_arns();
            cx.report(&scopes, None, format!("cannot verify the scopes of {route}: the user pool of {} is not known ({})", a.address, origins_text(&o)))
                .related(related(arns.res, arns.attr, "the authorizer's pools"))
                .help("reference the pool (aws_cognito_user_pool.<name>.arn) or lint the plan, where ARNs are known")
                .note()
                .emit(cx);
            continue;
        }
        if pools.is_empty() {
            continue; // no provider_arns: another rule's finding
        }
        let mut found: Vec<Finding> = Vec::new();
        check_defined(
            cx.meta(),
            &scopes,
            &route,
            &pools,
            &servers,
            Scopes {
                allow_builtin: true,
                any_of: true,
            },
            &mut found,
        );
        for mut f in found {
            // name the authorizer too: a wrong provider_arns is as likely as a wrong scope
            if f.severity == Severity::Error {
                for a in &auths {
                    let arns = a.provider_arns();
                    f.related.push(related(
                        arns.res,
                        arns.attr,
                        format!("the authorizer trusts {}", names(&pools)),
                    ));
                }
            }
            cx.emit_made(f);
        }
    }
}
