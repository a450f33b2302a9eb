use crate::rules::context::Cx;
use crate::rules::support::origins_text;

rule!(
    Note,
    "An API defined by an OpenAPI body must have a body known before apply to be checked"
);

fn check(cx: &mut Cx) {
    for b in cx.m.opaque_bodies.iter() {
        let Some(at) = b.span else { continue };
        cx.report_at(&b.address, at, format!(
                "cannot verify the API {} defines in its OpenAPI body: the body's text is not known here ({}), so none of its authorizers, scopes or CORS settings are checked",
                b.address,
                origins_text(&b.origins)
            ))
            .help("build the body from a file in the repository (templatefile/file) with the values it needs, or lint the plan (terraform show -json)")
            .emit(cx);
    }
}
