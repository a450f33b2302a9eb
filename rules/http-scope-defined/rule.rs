use crate::finding::{Finding, Severity};
use crate::model::cognito::{Issuer, ScopeIndex, issuer_pools};
use crate::model::http::{RouteAuthorization, related_at};
use crate::model::view::{HttpRoute, State};
use crate::rules::context::Cx;
use crate::rules::support::{Scopes, check_defined, names, origins_text};

rule!(
    Error,
    "HTTP API route scopes must be defined by a resource server of the JWT issuer's user pool"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let servers = ScopeIndex::new(m);
    for route in m.all::<HttpRoute>() {
        let kind = route.authorization_type();
        let jwt = kind.test(|k| *k == RouteAuthorization::Jwt);
        if jwt == Some(false) {
            continue;
        }
        let scopes = route.authorization_scopes();
        match &scopes.state {
            State::Absent => continue,
            State::Known(l, _) if l.is_empty() => continue,
            _ => {}
        }
        let subject = format!(
            "route {}",
            route
                .route_key()
                .into_known()
                .unwrap_or("(unknown route key)")
        );
        if jwt.is_none() {
            cx.cannot_verify(
                &kind,
                format!("whether the scopes of {subject} are checked against a JWT authorizer"),
                "make authorization_type known at plan time",
            );
            continue;
        }
        let auths = route.authorizers(m);
        let Some(auth) = auths.first() else {
            cx.report(&route.authorizer_id(), None, format!("cannot verify the scopes of {subject}: authorizer_id does not point at an aws_apigatewayv2_authorizer in this configuration"))
                .help("reference the authorizer: authorizer_id = aws_apigatewayv2_authorizer.<name>.id")
                .note()
                .emit(cx);
            continue;
        };
        let issuer = auth.issuer();
        let Some(iss) = auth.issuer_as_written() else {
            continue;
        };
        match issuer_pools(m, iss) {
            Issuer::Pools(pools) => {
                let mut found: Vec<Finding> = Vec::new();
                check_defined(
                    cx.meta(),
                    &scopes,
                    &subject,
                    &pools,
                    &servers,
                    Scopes {
                allow_builtin: true,
                any_of: true,
            },
            &mut found,
                );
                for mut f in found {
                    if f.severity == Severity::Error {
                        f.related.push(related_at(
                            &issuer,
                            format!("the JWT issuer is {}", names(&pools)),
                        ));
                    }
                    cx.emit_made(f);
                }
            }
            Issuer::NotCognito => {}
            Issuer::Unknown(o) => cx.report(&scopes, None, format!("cannot verify the scopes of {subject}: the issuer of {} names no user pool of this configuration ({})", auth.address, origins_text(&o)))
                .related(related_at(&issuer, "the JWT issuer"))
                .help("set issuer = \"https://${aws_cognito_user_pool.<name>.endpoint}\"")
                .note()
                .emit(cx),
        }
    }
}
