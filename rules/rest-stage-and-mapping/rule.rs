use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::support::*;
use crate::rules::{Meta, Rule};

pub struct R;
pub static RULE: R = R;
static META: Meta = Meta {
    id: "rest-stage-and-mapping",
    severity: Severity::Error,
    title: "A base path mapping must reference its domain, API and stage",
    docs: include_str!("README.md"),
};

impl Rule for R {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, m: &Model, out: &mut Vec<Finding>) {
        for bm in m.resources_of("aws_api_gateway_base_path_mapping") {
            let apis = bm.get("api_id").map(|v| m.links(v, "aws_api_gateway_rest_api")).unwrap_or_default();
            match bm.get("stage_name").filter(|v| !v.is_null()) {
                None => finding(&META, bm, format!("{} has no stage_name; callers must then put the stage in the path, so https://<domain>/<resource> returns 403 or 404", bm.address))
                    .at(bm.span("api_id")).help("stage_name = aws_api_gateway_stage.<name>.stage_name").severity(Severity::Warning).push(out),
                Some(sv) => {
                    let stages = m.links(sv, "aws_api_gateway_stage");
                    let stages: Vec<_> = if stages.is_empty() {
                        // a literal name: find the stage it names, and require ordering
                        match sv.as_str() {
                            Some(n) => m.resources_of("aws_api_gateway_stage").filter(|s| s.str("stage_name") == Some(n)).collect(),
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
                    Some(s) => m.resources_of("aws_api_gateway_domain_name").filter(|d| d.str("domain_name") == Some(s)).collect(),
                    None => vec![],
                };
                if let Some(d) = named.first()
                    && !m.orders_after(bm, &d.base) {
                        finding(&META, bm, format!("{} names the custom domain by a literal, without depending on {}; the first apply can create the mapping before the domain exists", bm.address, d.base))
                            .place(place(bm, "domain_name", Some(dv))).related(related(d, "domain_name", "the custom domain")).help(format!("domain_name = {}.domain_name", d.base)).severity(Severity::Warning).push(out);
                    }
            }
        }
    }
}
