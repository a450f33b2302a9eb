use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "A base path mapping must reference its domain, API and stage"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    // literal names → stages and domains, indexed once
    let mut stages_by_name: std::collections::BTreeMap<&str, Vec<&crate::model::Resource>> =
        Default::default();
    // (API address, stage name) → stages: the mapped API's own stage without a scan
    let mut stages_by_api: std::collections::BTreeMap<(&str, &str), Vec<&crate::model::Resource>> =
        Default::default();
    for s in m.resources_of("aws_api_gateway_stage") {
        if let Some(n) = s.str("stage_name") {
            stages_by_name.entry(n).or_default().push(s);
            for a in s
                .get("rest_api_id")
                .map(|v| m.links(v, "aws_api_gateway_rest_api"))
                .unwrap_or_default()
            {
                stages_by_api
                    .entry((a.address.as_str(), n))
                    .or_default()
                    .push(s);
            }
        }
    }
    let mut domains_by_name: std::collections::BTreeMap<&str, Vec<&crate::model::Resource>> =
        Default::default();
    for d in m.resources_of("aws_api_gateway_domain_name") {
        if let Some(n) = d.str("domain_name") {
            domains_by_name.entry(n).or_default().push(d);
        }
    }
    for bm in m.resources_of("aws_api_gateway_base_path_mapping") {
        let apis = bm
            .get("api_id")
            .map(|v| m.links(v, "aws_api_gateway_rest_api"))
            .unwrap_or_default();
        match bm.get("stage_name").filter(|v| !v.is_null()) {
                None => finding(&META, bm, format!("{} has no stage_name; callers must then put the stage in the path, so https://<domain>/<resource> returns 403 or 404", bm.address))
                    .at(bm.span("api_id")).help("stage_name = aws_api_gateway_stage.<name>.stage_name").severity(Severity::Warning).push(out),
                Some(sv) => {
                    let stages = m.links(sv, "aws_api_gateway_stage");
                    let stages: Vec<_> = if stages.is_empty() {
                        // a literal name: find the stage it names, and require ordering
                        match sv.as_str() {
                            // only stages of the mapped API: two APIs may both have a stage "prod"
                            Some(n) => {
                                let own: Vec<&crate::model::Resource> = if apis.is_empty() {
                                    stages_by_name.get(n).cloned().unwrap_or_default()
                                } else {
                                    apis.iter().flat_map(|a| stages_by_api.get(&(a.address.as_str(), n)).cloned().unwrap_or_default()).collect()
                                };
                                // a stage of another API with this name: reported below as the wrong API's stage
                                let all = || stages_by_name.get(n).cloned().unwrap_or_default();
                                if own.is_empty() { all() } else { own }
                            }
                            None => vec![],
                        }
                    } else {
                        stages
                    };
                    for st in &stages {
                        if !m.orders_after(bm, &st.base) {
                            finding(&META, bm, format!("{} names stage \"{}\" as a literal without depending on {}; the first apply can run before the stage exists (\"Invalid stage identifier specified\")", bm.address, sv.as_str().unwrap_or(""), st.base))
                                .place(place(bm, "stage_name", Some(sv))).related(related(st, "stage_name", "the stage")).help(format!("stage_name = {}.stage_name", st.base)).push(out);
                        }
                        let sapis = st.get("rest_api_id").map(|v| m.links(v, "aws_api_gateway_rest_api")).unwrap_or_default();
                        if !apis.is_empty() && !sapis.is_empty() && !apis.iter().any(|a| sapis.iter().any(|b| a.address == b.address)) {
                            finding(&META, bm, format!("{} maps {} but its stage {} belongs to {}", bm.address, names(&apis), st.address, names(&sapis)))
                                .at(bm.span("stage_name")).related(related(st, "rest_api_id", "the stage's API")).help("use a stage of the mapped API").push(out);
                        }
                    }
                }
            }
        if let Some(dv) = bm.get("domain_name") {
            // a known name: a reference whose value is known looks like a literal, so decide by ordering
            let named: Vec<_> = match dv.as_str() {
                Some(s) => domains_by_name.get(s).cloned().unwrap_or_default(),
                None => vec![],
            };
            // several domains may carry one name (copies of a stack): one the mapping waits for is enough
            if let Some(d) = named.first()
                && !named.iter().any(|d| m.orders_after(bm, &d.base))
            {
                finding(&META, bm, format!("{} names the custom domain by a literal, without depending on {}; the first apply can create the mapping before the domain exists", bm.address, d.base))
                            .place(place(bm, "domain_name", Some(dv))).related(related(d, "domain_name", "the custom domain")).help(format!("domain_name = {}.domain_name", d.base)).severity(Severity::Warning).push(out);
            }
        }
    }
}
