use crate::model::Model;
use crate::model::cognito::{browser_client, by_user_pool, machine_only};
use crate::model::rest::Authorization;
use crate::model::view::{
    RestIntegrationResponse, RestMethod, RestMethodResponse, UserPool, UserPoolClient,
};
use crate::rules::context::Cx;
use std::collections::{BTreeMap, BTreeSet};

rule!(
    Error,
    "Browser-called REST resources with protected methods need an open OPTIONS method"
);

/// How sure it is that browsers call a method's API.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Browsers {
    No,
    /// Only a code/implicit client with web callbacks in the pool: a server-side web app is
    /// such a client too, so a note at most.
    Maybe,
    /// CORS declared on the API (CORS headers on its responses, or an OPTIONS method on the
    /// resource), and the pool is not machine-to-machine only.
    Yes,
}

fn browsers(
    m: &Model,
    method: RestMethod,
    cors_declared: bool,
    clients: &BTreeMap<String, Vec<UserPoolClient>>,
) -> Browsers {
    let pools = method_pools(m, method);
    if cors_declared && !machine_only(clients, &pools) {
        Browsers::Yes
    } else if browser_client(clients, &pools).is_some() {
        Browsers::Maybe
    } else {
        Browsers::No
    }
}

fn check(cx: &mut Cx) {
    let m = cx.m;
    let clients = by_user_pool::<UserPoolClient>(m);
    // CORS headers declared on method or integration responses are evidence of browser callers
    let mut cors_apis = BTreeSet::new();
    for r in m.all::<RestMethodResponse>() {
        if r.declares_cors() {
            cors_apis.extend(r.rest_apis(m).into_iter().map(|a| a.address.clone()));
        }
    }
    for r in m.all::<RestIntegrationResponse>() {
        if r.declares_cors() {
            cors_apis.extend(r.rest_apis(m).into_iter().map(|a| a.address.clone()));
        }
    }
    let mut by_resource: BTreeMap<String, Vec<RestMethod>> = BTreeMap::new();
    for meth in m.all::<RestMethod>() {
        let key = meth
            .resource_id()
            .val()
            .map(|v| {
                v.origins()
                    .first()
                    .map(|o| o.name())
                    .or_else(|| v.as_str().map(String::from))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        by_resource.entry(key).or_default().push(meth);
    }
    let cors_of = |x: &RestMethod, has_options: bool| {
        has_options
            || x.rest_apis(m)
                .iter()
                .any(|a| cors_apis.contains(&a.address))
    };
    let is = |x: &RestMethod, verb: &str| x.http_method().known() == Some(&verb);
    for (_, methods) in by_resource {
        let options = methods.iter().find(|x| is(x, "OPTIONS"));
        let open = options.is_some_and(|o| {
            o.authorization()
                .test(|k| *k == Authorization::None)
                .unwrap_or(false)
        });
        // a protected ANY method also catches the preflight: reported as a missing OPTIONS
        let Some(first) = methods.iter().find(|x| {
            x.authorization()
                .test(|k| *k == Authorization::CognitoUserPools)
                .unwrap_or(false)
        }) else {
            // no method is known to be protected: one whose authorization is unknown decides it
            if let Some(u) = methods.iter().find(|x| x.authorization().is_unknown())
                && !open
                && browsers(m, *u, cors_of(u, options.is_some()), &clients) != Browsers::No
            {
                let route = u.route(m);
                cx.cannot_verify(
                    &u.authorization(),
                    format!("whether {route}, which browsers call, is protected (and so needs an open OPTIONS method)"),
                    "make authorization known at plan time",
                );
            }
            continue;
        };
        let level = browsers(m, *first, cors_of(first, options.is_some()), &clients);
        if level == Browsers::No {
            continue;
        }
        let weak = level == Browsers::Maybe;
        let route = first.route(m);
        let path = route
            .split_once(' ')
            .map_or(route.as_str(), |(_, p)| p)
            .to_string();
        match options {
            Some(_) if open => {}
            Some(o) if o.from_body() => cx.report(&o.authorization(), None, format!("the OPTIONS operation of {path} requires authorization (an OpenAPI `security` requirement, the document-level one included, applies to every operation that does not override it); browsers send the CORS preflight without an Authorization header, so it gets 401 and the call fails as a CORS error"))
                .help("give the OPTIONS operation `security: []` (and a mock integration that returns the CORS headers)")
                .emit(cx),
            Some(o) => cx.report(&o.authorization(), None, format!("the OPTIONS method of {path} requires authorization; browsers send the CORS preflight without an Authorization header, so it gets 401 and the call fails as a CORS error"))
                .help("set authorization = \"NONE\" on OPTIONS (with no scopes)")
                .emit(cx),
            None if weak => cx.report(&first.http_method(), None, format!("{path} has protected methods and no OPTIONS method; if browsers call it (user pool client {} has web callback URLs, though a server-side web app has them too), their CORS preflight gets 403/401 and they report a CORS error", browser_name(m, *first, &clients)))
                .help("if browsers call this API, add an OPTIONS method with authorization = \"NONE\" and a MOCK integration that returns the CORS headers")
                .note()
                .emit(cx),
            None => cx.report(&first.http_method(), None, format!("{path} has protected methods and the API declares CORS headers, but there is no OPTIONS method; the browser's CORS preflight gets 403/401 (or hits a protected ANY) and the call fails as a CORS error"))
                .help("add an OPTIONS method with authorization = \"NONE\" and a MOCK integration that returns the CORS headers")
                .emit(cx),
        }
    }
}

/// The browser client of the method's pools, for the message.
fn browser_name(
    m: &Model,
    method: RestMethod,
    clients: &BTreeMap<String, Vec<UserPoolClient>>,
) -> String {
    browser_client(clients, &method_pools(m, method))
        .map(|c| c.address.clone())
        .unwrap_or_default()
}

/// The user pools the method's authorizers trust.
fn method_pools<'a>(m: &'a Model, method: RestMethod<'a>) -> Vec<UserPool<'a>> {
    method
        .linked_authorizers(m)
        .into_iter()
        .filter_map(|a| a.trusted_pools(m).and_then(Result::ok))
        .flatten()
        .collect()
}
