use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::{Meta, Rule};

pub struct R;
pub static RULE: R = R;
static META: Meta = Meta {
    id: "tf-module-not-downloaded",
    severity: Severity::Note,
    title: "A registry or git module that builds API Gateway, Cognito, ACM or Route 53 wiring must be downloaded to be checked",
    docs: include_str!("README.md"),
};

impl Rule for R {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, m: &Model, out: &mut Vec<Finding>) {
        for c in m.missing_modules.iter().filter(|c| c.relevant) {
            out.push(Finding {
                rule: META.id,
                severity: META.severity,
                message: format!(
                    "cannot verify what {} creates: module {} is not downloaded, so none of its API Gateway, Cognito, ACM or Route 53 resources are checked",
                    c.address, c.source
                ),
                help: "run terraform init (authwire reads .terraform/modules/modules.json and the modules it lists), then lint again".into(),
                resource: c.address.clone(),
                location: Some(c.span),
                related: vec![],
                path: String::new(),
                suppression: None,
            });
        }
    }
}
