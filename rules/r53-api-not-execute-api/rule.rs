use crate::model::r53::{ApiEndpoint, is_execute_api_host, unknown_from_nowhere};
use crate::model::view::Record;
use crate::rules::context::Cx;

rule!(
    Error,
    "A DNS record must not point a custom API host at the API's own execute-api endpoint"
);

const HELP: &str = "alias the record to the aws_api_gateway_domain_name's regional_domain_name/regional_zone_id (EDGE: cloudfront_domain_name/cloudfront_zone_id; HTTP API: domain_name_configuration[0].target_domain_name/hosted_zone_id)";

fn check(cx: &mut Cx) {
    for rec in cx.m.all::<Record>() {
        let host = rec
            .fqdn()
            .known()
            .copied()
            .unwrap_or("this name")
            .to_string();
        let records = rec.records();
        if records.is_unknown() {
            cx.cannot_verify(
                &records,
                format!("that {host} does not point at an API's execute-api endpoint"),
                "make the record's values known at plan time",
            );
        }
        for t in rec.targets() {
            let Some(v) = t.val() else { continue };
            let api = ApiEndpoint::read_by(cx.m, v);
            if api.is_none() && !is_execute_api_host(v) {
                if unknown_from_nowhere(cx.m, v) {
                    cx.cannot_verify(
                        &t,
                        format!("that {host} does not point at an API's execute-api endpoint"),
                        "make the record's target known at plan time",
                    );
                }
                continue;
            }
            let mut f = cx.report(&t, Some(v), format!(
                    "{host} points at the API's default execute-api endpoint instead of its custom domain; that endpoint presents a *.execute-api certificate (TLS name mismatch) and does not route the custom host (403/404)"))
                .help(HELP);
            if let Some(api) = api {
                f = f.related(api.related("the API whose default endpoint is used"));
            }
            f.emit(cx);
        }
    }
}
