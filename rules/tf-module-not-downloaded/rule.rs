use crate::rules::context::Cx;

rule!(
    Note,
    "A registry or git module that builds API Gateway, Cognito, ACM or Route 53 wiring must be downloaded to be checked"
);

fn check(cx: &mut Cx) {
    for c in cx.m.missing_modules.iter().filter(|c| c.relevant) {
        cx.report_at(&c.address, c.span, format!(
                "cannot verify what {} creates: module {} is not downloaded, so none of its API Gateway, Cognito, ACM or Route 53 resources are checked",
                c.address, c.source
            ))
            .help("run terraform init (authwire reads .terraform/modules/modules.json and the modules it lists), then lint again")
            .emit(cx);
    }
}
