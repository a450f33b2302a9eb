use crate::model::cognito::{ScopeIndex, pools_of, written};
use crate::model::view::{State, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::{Scopes, check_defined, origins_text};

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
            }
            Err(o) => cx.report(&pid, None, format!("cannot verify the scopes of {subject}: its user pool is not in this configuration ({})", origins_text(&o)))
                .help("reference the pool: user_pool_id = aws_cognito_user_pool.<name>.id")
                .note()
                .emit(cx),
        }
    }
}
