use crate::finding::Finding;
use crate::model::Model;

rule!(
    Note,
    "A registry or git module that builds API Gateway, Cognito, ACM or Route 53 wiring must be downloaded to be checked"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
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
