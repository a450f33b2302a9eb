use crate::model::rest::Authorization;
use crate::model::view::RestMethod;
use crate::rules::context::Cx;

rule!(
    Note,
    "On an API protected by Cognito, every non-OPTIONS method with authorization NONE is reported"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    let methods: Vec<RestMethod> = m.all::<RestMethod>().collect();
    let api_of =
        |r: RestMethod| -> Option<String> { r.rest_apis(m).first().map(|a| a.address.clone()) };
    let protected: std::collections::BTreeSet<String> = methods
        .iter()
        .filter(|x| x.authorization().known() == Some(&Authorization::CognitoUserPools))
        .filter_map(|x| api_of(*x))
        .collect();
    for meth in methods {
        let auth = meth.authorization();
        let open = match auth.known() {
            Some(a) => *a == Authorization::None,
            None => auth.is_unknown(),
        };
        if !open || meth.http_method().known() == Some(&"OPTIONS") {
            continue;
        }
        let Some(api) = api_of(meth) else { continue };
        if !protected.contains(&api) {
            continue;
        }
        let route = meth.route(m);
        if auth.is_unknown() {
            cx.cannot_verify(
                &auth,
                format!(
                    "whether {route} is open on {api}, which otherwise requires Cognito tokens"
                ),
                "make authorization known at plan time",
            );
            continue;
        }
        cx.report(&auth, None, format!("{route} is open (authorization NONE) on {api}, which otherwise requires Cognito tokens; anyone can call it"))
            .help("protect it with the Cognito authorizer, or suppress this finding with a reason if it is public on purpose")
            .emit(cx);
    }
}
