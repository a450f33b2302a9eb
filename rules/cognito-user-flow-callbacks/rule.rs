use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "User-flow (code, implicit) clients need valid callback URLs and an identity provider"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for c in m.resources_of("aws_cognito_user_pool_client") {
        let Ok(fl) = flows(c) else { continue };
        let Some((flow, _)) = fl.iter().find(|(f, _)| *f == "code" || *f == "implicit") else {
            continue;
        };
        let urls = match list(c, "callback_urls") {
            Some(Err(_)) => continue,
            Some(Ok(u)) => u,
            None => vec![],
        };
        if urls.is_empty() {
            finding(&META, c, format!("app client {} allows the {flow} flow but has no callback_urls; Cognito rejects it (\"CallbackUrls can not be empty when code flow or implicit flow is selected\")", c.address))
                    .at(c.span("allowed_oauth_flows"))
                    .help("set callback_urls to the https URLs of your app that receive the sign-in response")
                    .push(out);
            continue;
        }
        let mut known = Vec::new();
        for u in &urls {
            let Some(s) = u.as_str() else { continue };
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
                finding(&META, c, format!("callback URL {s} of {} {p}", c.address))
                        .place(place(c, "callback_urls", Some(u)))
                        .help("use an absolute https URL without a fragment (http only for localhost, custom schemes for native apps)")
                        .push(out);
            }
        }
        if let Some(r) = c
            .get("default_redirect_uri")
            .and_then(|v| v.as_str().map(|s| (s, v)))
            && known.len() == urls.len()
            && !known.contains(&r.0)
        {
            finding(&META, c, format!("default_redirect_uri {} of {} is not one of its callback_urls; Cognito rejects it", r.0, c.address))
                        .place(place(c, "default_redirect_uri", Some(r.1)))
                        .help("add it to callback_urls, or pick one of them")
                        .push(out);
        }
        match list(c, "supported_identity_providers") {
                Some(Ok(l)) if !l.is_empty() => {}
                Some(Err(_)) => {}
                _ => finding(&META, c, format!("app client {} allows the {flow} flow but lists no supported_identity_providers; the hosted sign-in has nothing to offer", c.address))
                    .at(c.span("supported_identity_providers"))
                    .help("set supported_identity_providers = [\"COGNITO\"] (and any federated providers)")
                    .push(out),
            }
    }
}
