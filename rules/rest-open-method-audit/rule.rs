use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Warning,
    "On an API protected by Cognito, every non-OPTIONS method with authorization NONE is reported"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    let methods: Vec<_> = m.resources_of("aws_api_gateway_method").collect();
    let api_of = |r: &crate::model::Resource| -> Option<String> {
        r.get("rest_api_id").and_then(|v| {
            m.links(v, "aws_api_gateway_rest_api")
                .first()
                .map(|a| a.address.clone())
        })
    };
    let protected: std::collections::BTreeSet<String> = methods
        .iter()
        .filter(|x| x.str("authorization") == Some("COGNITO_USER_POOLS"))
        .filter_map(|x| api_of(x))
        .collect();
    for meth in methods {
        if meth.str("authorization") != Some("NONE") || meth.str("http_method") == Some("OPTIONS") {
            continue;
        }
        let Some(api) = api_of(meth) else { continue };
        if !protected.contains(&api) {
            continue;
        }
        let route = rest_route(m, meth);
        finding(&META, meth, format!("{route} is open (authorization NONE) on {api}, which otherwise requires Cognito tokens; anyone can call it"))
                .at(meth.span("authorization"))
                .help("protect it with the Cognito authorizer, or suppress this finding with a reason if it is public on purpose")
                .push(out);
    }
}
