use crate::model::view::{RestDeployment, RestStage};
use crate::rules::context::Cx;
use crate::rules::support::related;
use std::collections::BTreeMap;

rule!(
    Error,
    "A deployment's inline stage_name must not also be an aws_api_gateway_stage of the same API"
);

fn check(cx: &mut Cx) {
    let m = cx.m;
    // (API address, stage name) → stage resources, indexed once
    let mut stages: BTreeMap<(&str, &str), Vec<RestStage>> = BTreeMap::new();
    for s in m.all::<RestStage>() {
        if let Some(n) = s.stage_name().into_known() {
            for a in s.rest_apis(m) {
                stages.entry((a.0.address.as_str(), n)).or_default().push(s);
            }
        }
    }
    for d in m.all::<RestDeployment>() {
        let name = d.stage_name();
        let Some(n) = name.known().filter(|n| !n.is_empty()) else {
            continue;
        };
        for a in d.rest_apis(m) {
            let Some(st) = stages
                .get(&(a.0.address.as_str(), *n))
                .and_then(|v| v.first())
            else {
                continue;
            };
            let sn = st.stage_name();
            cx.report(&name, None, format!("{} creates stage \"{n}\" of {} itself (stage_name), and {} creates a stage of the same name and API; whichever comes second fails with ConflictException (\"Stage already exists\")", d.address, a.0.address, st.address))
                .related(related(sn.res, sn.attr, "the aws_api_gateway_stage of the same name"))
                .help(format!("remove stage_name from {} and let {} point at it with deployment_id", d.address, st.address))
                .emit(cx);
        }
    }
}
