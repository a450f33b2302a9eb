use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "REST method scopes must be defined by a resource server of the authorizer's user pool"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let servers = ScopeIndex::new(m);
    for method in m.resources_of("aws_api_gateway_method") {
        if method.str("authorization") != Some("COGNITO_USER_POOLS") {
            continue;
        }
        match list(method, "authorization_scopes") {
            None => continue,
            Some(Ok(l)) if l.is_empty() => continue,
            _ => {}
        }
        let route = rest_route(m, method);
        let auths = method
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_api_gateway_authorizer"))
            .unwrap_or_default();
        if auths.is_empty() {
            finding(&META, method, format!(
                    "cannot verify the scopes of {route}: authorizer_id does not point at an aws_api_gateway_authorizer in this configuration"))
                    .at(method.span("authorizer_id"))
                    .help("reference the authorizer: authorizer_id = aws_api_gateway_authorizer.<name>.id")
                    .note()
                    .push(out);
            continue;
        }
        let mut pools = Vec::new();
        let mut unknown = None;
        for a in &auths {
            let Some(arns) = a.get("provider_arns") else {
                continue;
            };
            match pools_of(m, arns) {
                Ok(p) => pools.extend(p),
                Err(o) => unknown = Some((a, o)),
            }
        }
        if let Some((a, o)) = unknown {
            finding(&META, method, format!("cannot verify the scopes of {route}: the user pool of {} is not known ({})", a.address, origins_text(&o)))
                    .at(method.span("authorization_scopes"))
                    .related(related(a, "provider_arns", "the authorizer's pools"))
                    .help("reference the pool (aws_cognito_user_pool.<name>.arn) or lint the plan, where ARNs are known")
                    .note()
                    .push(out);
            continue;
        }
        if pools.is_empty() {
            continue; // no provider_arns: another rule's finding
        }
        let before = out.len();
        check_defined(
            &META,
            method,
            "authorization_scopes",
            &route,
            &pools,
            &servers,
            true,
            out,
        );
        // name the authorizer too: a wrong provider_arns is as likely as a wrong scope
        for f in out[before..]
            .iter_mut()
            .filter(|f| f.severity == Severity::Error)
        {
            for a in &auths {
                f.related.push(related(
                    a,
                    "provider_arns",
                    format!("the authorizer trusts {}", names(&pools)),
                ));
            }
        }
    }
}
