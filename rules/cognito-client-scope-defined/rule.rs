use crate::finding::Severity;
use crate::model::cognito::{ScopeIndex, pools_of, written};
use crate::model::view::{Got, ResourceServer, State, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::{Scopes, check_defined, origins_text, related};
use crate::value::Val;

rule!(
    Error,
    "App client scopes must be defined by a resource server of the client's own user pool"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let servers = ScopeIndex::new(m);
    for client in m.all::<UserPoolClient>() {
        let scopes = client.allowed_oauth_scopes();
        match &scopes.state {
            State::Default(_) | State::Absent => continue,
            State::Known(l, _) if l.is_empty() => continue,
            _ => {}
        }
        let pid = client.user_pool_id();
        // written, even as null (a null id joins no pool)
        let Some(pool_id) = written(&pid) else {
            continue;
        };
        let subject = format!("app client {}", client.address);
        match pools_of(m, pool_id) {
            Ok(pools) => {
                let mut found = Vec::new();
                check_defined(
                    cx.meta(),
                    &scopes,
                    &subject,
                    &pools,
                    &servers,
                    Scopes {
                allow_builtin: true,
                any_of: false,
            },
            &mut found,
                );
                for f in found {
                    cx.emit_made(f);
                }
                literal_scope_order(cx, client, &scopes, &servers.defined(&pools).servers);
            }
            Err(o) => cx.report(&pid, None, format!("cannot verify the scopes of {subject}: its user pool is not in this configuration ({})", origins_text(&o)))
                .help("reference the pool: user_pool_id = aws_cognito_user_pool.<name>.id")
                .note()
                .emit(cx),
        }
    }
}

/// A defined scope named by a literal string, by a client that does not depend on the resource
/// server defining it: Terraform may create the client first, and Cognito then refuses the scope
/// (a first-apply race, a warning).
fn literal_scope_order(
    cx: &mut Cx,
    client: UserPoolClient,
    scopes: &Got<Vec<&Val>>,
    servers: &[ResourceServer],
) {
    let Some(items) = scopes.known() else { return };
    for it in items {
        let Some(s) = it.as_str() else { continue };
        let Some(srv) = servers.iter().find(|srv| {
            srv.scope_identifiers()
                .known()
                .is_some_and(|ids| ids.iter().any(|i| i.as_str() == Some(s)))
        }) else {
            continue;
        };
        if cx.m.orders_after(client.0, &srv.base) {
            continue;
        }
        let id = srv.identifier();
        cx.report(scopes, Some(it), format!("app client {} names scope {s} as a literal without depending on {}, which defines it; on a first apply Terraform can create the client first and Cognito refuses it (ScopeDoesNotExistException)", client.address, srv.base))
            .related(related(id.res, id.attr, "the resource server"))
            .help(format!("reference {}.scope_identifiers (or add depends_on = [{}])", srv.base, srv.base))
            .severity(Severity::Warning)
            .emit(cx);
    }
}
