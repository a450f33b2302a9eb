use crate::model::cognito::{OAuthFlow, element};
use crate::model::view::{State, UserPoolClient};
use crate::rules::context::Cx;

rule!(
    Error,
    "User-flow (code, implicit) clients need valid callback URLs and an identity provider"
);

fn check(cx: &mut Cx) {
    for c in cx.m.all::<UserPoolClient>() {
        let flows = c.oauth_flows();
        let flow = match &flows.state {
            State::Known(items, _) => match items
                .iter()
                .find_map(|i| i.known.as_ref().filter(|f| f.is_user_flow()))
            {
                Some(f) => f.clone(),
                None => {
                    // an unknown element may be a user flow
                    if let Some(u) = items.iter().find(|i| i.known.is_none())
                        && check_client(cx, c, &OAuthFlow::Code, false)
                    {
                        cx.cannot_verify(
                            &element(&flows, u.val),
                            format!(
                                "whether app client {} uses a user flow (code, implicit)",
                                c.address
                            ),
                            "make allowed_oauth_flows known at plan time",
                        );
                    }
                    continue;
                }
            },
            State::Unknown(_) => {
                if check_client(cx, c, &OAuthFlow::Code, false) {
                    cx.cannot_verify(
                        &flows,
                        format!(
                            "whether app client {} uses a user flow (code, implicit)",
                            c.address
                        ),
                        "make allowed_oauth_flows known at plan time",
                    );
                }
                continue;
            }
            State::Default(_) | State::Absent => continue,
        };
        check_client(cx, c, &flow, true);
    }
}

/// The checks of a user-flow client; reports them when `emit`, and says whether any fails.
fn check_client(cx: &mut Cx, c: UserPoolClient, flow: &OAuthFlow, emit: bool) -> bool {
    let mut fails = false;
    let callbacks = c.callback_urls();
    let urls = match &callbacks.state {
        State::Unknown(_) => {
            if emit {
                cx.cannot_verify(
                    &callbacks,
                    format!("the callback URLs of app client {}", c.address),
                    "make callback_urls known at plan time",
                );
            }
            return fails;
        }
        State::Known(u, _) => u.clone(),
        State::Default(_) | State::Absent => vec![],
    };
    if urls.is_empty() {
        if emit {
            cx.report(&c.oauth_flows(), None, format!("app client {} allows the {flow} flow but has no callback_urls; Cognito rejects it (\"CallbackUrls can not be empty when code flow or implicit flow is selected\")", c.address))
                .help("set callback_urls to the https URLs of your app that receive the sign-in response")
                .emit(cx);
        }
        return true;
    }
    let mut known = Vec::new();
    for u in &urls {
        let Some(s) = u.as_str() else {
            if emit {
                cx.cannot_verify(
                    &element(&callbacks, u),
                    format!("a callback URL of app client {}", c.address),
                    "make callback_urls known at plan time",
                );
            }
            continue;
        };
        known.push(s);
        let problem = if !s.contains("://") {
            Some("is not an absolute URL")
        } else if s.contains('#') {
            Some("has a #fragment, which Cognito does not allow")
        } else if s.starts_with("http://")
            && !(s.starts_with("http://localhost") || s.starts_with("http://127.0.0.1"))
        {
            Some("uses http://; Cognito requires https except for http://localhost")
        } else {
            None
        };
        if let Some(p) = problem {
            fails = true;
            if emit {
                cx.report(&callbacks, Some(u), format!("callback URL {s} of {} {p}", c.address))
                    .help("use an absolute https URL without a fragment (http only for localhost, custom schemes for native apps)")
                    .emit(cx);
            }
        }
    }
    let redirect = c.default_redirect_uri();
    match &redirect.state {
        State::Known(r, v) if known.len() == urls.len() && !known.contains(r) => {
            fails = true;
            if emit {
                cx.report(&redirect, Some(*v), format!("default_redirect_uri {r} of {} is not one of its callback_urls; Cognito rejects it", c.address))
                    .help("add it to callback_urls, or pick one of them")
                    .emit(cx);
            }
        }
        State::Unknown(_) if known.len() == urls.len() && emit => cx.cannot_verify(
            &redirect,
            format!("the default_redirect_uri of app client {}", c.address),
            "make default_redirect_uri known at plan time",
        ),
        _ => {}
    }
    let idps = c.supported_identity_providers();
    match &idps.state {
        State::Known(l, _) if !l.is_empty() => {}
        State::Unknown(_) => {
            if emit {
                cx.cannot_verify(
                    &idps,
                    format!(
                        "the supported_identity_providers of app client {}",
                        c.address
                    ),
                    "make supported_identity_providers known at plan time",
                );
            }
        }
        _ => {
            fails = true;
            if emit {
                cx.report(&idps, None, format!("app client {} allows the {flow} flow but lists no supported_identity_providers; the hosted sign-in has nothing to offer", c.address))
                    .help("set supported_identity_providers = [\"COGNITO\"] (and any federated providers)")
                    .emit(cx);
            }
        }
    }
    fails
}
