use crate::model::cognito::written;
use crate::model::view::{State, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::related;

rule!(
    Error,
    "An app client with OAuth settings needs allowed_oauth_flows_user_pool_client = true"
);

fn check(cx: &mut Cx) {
    for c in cx.m.all::<UserPoolClient>() {
        // OAuth intent: non-empty allowed_oauth_flows or allowed_oauth_scopes, or one not
        // known yet (callback and logout URLs alone are not: Cognito keeps them inactive and
        // the client signs in through the SDK)
        let set = [
            c.oauth_flows().map(|_| ()),
            c.allowed_oauth_scopes().map(|_| ()),
        ]
        .into_iter()
        .find(|g| match &g.state {
            State::Known(..) => g
                .val()
                .and_then(|v| v.items())
                .is_some_and(|l| !l.is_empty()),
            State::Unknown(_) => true,
            State::Default(_) | State::Absent => false,
        });
        let Some(set) = set else { continue };
        let flag = c.oauth_enabled();
        match &flag.state {
            State::Known(true, _) => {}
            // the setting may still be empty: what is unknown decides it
            _ if set.is_unknown() => cx.cannot_verify(
                &set,
                format!(
                    "whether app client {} uses OAuth (its allowed_oauth_flows_user_pool_client is not true)",
                    c.address
                ),
                "set allowed_oauth_flows_user_pool_client = true if the client uses OAuth flows",
            ),
            State::Unknown(v) if v.is_unknown() => cx.cannot_verify(
                &flag,
                format!("allowed_oauth_flows_user_pool_client of {}", c.address),
                "set allowed_oauth_flows_user_pool_client = true",
            ),
            _ => {
                let v = written(&flag);
                let state = if v.is_some() {
                    "false"
                } else {
                    "unset (false)"
                };
                let msg = format!(
                    "app client {} sets {} but allowed_oauth_flows_user_pool_client is {state}; the OAuth settings are inactive and /oauth2/token answers invalid_grant or unauthorized_client",
                    c.address, set.attr
                );
                let r = match v {
                    Some(v) => cx.report(&flag, Some(v), msg).related(related(
                        set.res,
                        set.attr,
                        format!("{} set here", set.attr),
                    )),
                    None => cx.report(&set, None, msg),
                };
                r.help("set allowed_oauth_flows_user_pool_client = true")
                    .emit(cx);
            }
        }
    }
}
