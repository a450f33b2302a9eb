use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "An HTTP API route's authorization type must match its authorizer"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    for r in m.resources_of("aws_apigatewayv2_route") {
        let key = r.str("route_key").unwrap_or("?");
        let kind = match r.get("authorization_type") {
            None => "NONE",
            Some(v) => match v.as_str() {
                Some(s) => s,
                None => continue,
            },
        };
        let aid = r.get("authorizer_id").filter(|v| !v.is_null());
        match (kind, aid) {
                ("JWT", None) => finding(&META, r, format!("route {key} has authorization_type JWT but no authorizer_id; API Gateway rejects it (\"Setting the authorization type to JWT requires a valid JWT authorizer\")"))
                    .at(r.span("authorization_type")).help("set authorizer_id = aws_apigatewayv2_authorizer.<name>.id").push(out),
                ("JWT", Some(aid)) => {
                    for a in m.links(aid, "aws_apigatewayv2_authorizer") {
                        if let Some(t) = a.str("authorizer_type").filter(|t| *t != "JWT") {
                            finding(&META, r, format!("route {key} has authorization_type JWT but its authorizer {} is of type {t}", a.address))
                                .at(r.span("authorizer_id")).related(related(a, "authorizer_type", format!("{t} authorizer"))).help("use a JWT authorizer, or authorization_type = \"CUSTOM\" for a Lambda authorizer").push(out);
                        }
                        let rapi = r.get("api_id").map(|v| m.links(v, "aws_apigatewayv2_api")).unwrap_or_default();
                        let aapi = a.get("api_id").map(|v| m.links(v, "aws_apigatewayv2_api")).unwrap_or_default();
                        if !rapi.is_empty() && !aapi.is_empty() && !rapi.iter().any(|x| aapi.iter().any(|y| x.address == y.address)) {
                            finding(&META, r, format!("route {key} belongs to {} but its authorizer {} belongs to {}", names(&rapi), a.address, names(&aapi)))
                                .at(r.span("authorizer_id")).related(related(a, "api_id", "the authorizer's API")).help("create the authorizer on the route's API").push(out);
                        }
                    }
                }
                ("NONE", Some(aid)) => finding(&META, r, format!("route {key} sets authorizer_id but its authorization_type is NONE (the default); the route looks protected but is open"))
                    .place(place(r, "authorizer_id", Some(aid)))
                    .help("set authorization_type = \"JWT\"")
                    .severity(Severity::Warning)
                    .push(out),
                _ => {}
            }
    }
}
