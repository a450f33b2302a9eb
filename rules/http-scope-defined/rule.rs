use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "HTTP API route scopes must be defined by a resource server of the JWT issuer's user pool"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let servers = ScopeIndex::new(m);
    for route in m.resources_of("aws_apigatewayv2_route") {
        if route.str("authorization_type") != Some("JWT") {
            continue;
        }
        match list(route, "authorization_scopes") {
            None => continue,
            Some(Ok(l)) if l.is_empty() => continue,
            _ => {}
        }
        let subject = format!(
            "route {}",
            route.str("route_key").unwrap_or("(unknown route key)")
        );
        let auths = route
            .get("authorizer_id")
            .map(|v| m.links(v, "aws_apigatewayv2_authorizer"))
            .unwrap_or_default();
        let Some(auth) = auths.first() else {
            finding(&META, route, format!("cannot verify the scopes of {subject}: authorizer_id does not point at an aws_apigatewayv2_authorizer in this configuration"))
                    .at(route.span("authorizer_id"))
                    .help("reference the authorizer: authorizer_id = aws_apigatewayv2_authorizer.<name>.id")
                    .note()
                    .push(out);
            continue;
        };
        let Some(issuer) = auth.get("jwt_configuration.0.issuer") else {
            continue;
        };
        match issuer_pools(m, issuer) {
                Issuer::Pools(pools) => {
                    let before = out.len();
                    check_defined(&META, route, "authorization_scopes", &subject, &pools, &servers, true, out);
                    for f in out[before..].iter_mut().filter(|f| f.severity == Severity::Error) {
                        f.related.push(related(auth, "jwt_configuration.0.issuer", format!("the JWT issuer is {}", names(&pools))));
                    }
                }
                Issuer::NotCognito => {}
                Issuer::Unknown(o) => finding(&META, route, format!("cannot verify the scopes of {subject}: the issuer of {} names no user pool of this configuration ({})", auth.address, origins_text(&o)))
                    .at(route.span("authorization_scopes"))
                    .related(related(auth, "jwt_configuration.0.issuer", "the JWT issuer"))
                    .help("set issuer = \"https://${aws_cognito_user_pool.<name>.endpoint}\"")
                    .note()
                    .push(out),
            }
    }
}
