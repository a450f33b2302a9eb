use crate::model::cognito::origin_pool;
use crate::model::view::State;
use crate::rules::context::Cx;
use crate::rules::support::cognito_authorizers;
use crate::rules::support::origins_text;
use crate::value::{Part, V};

rule!(
    Error,
    "A Cognito REST authorizer's provider_arns must be user pool ARNs"
);

fn check(cx: &mut Cx) {
    for a in cognito_authorizers(cx) {
        let kind = a.kind();
        let arns = a.provider_arns();
        let items = match &arns.state {
            State::Absent | State::Default(_) => {
                cx.report(&kind, None, format!("Cognito authorizer {} has no provider_arns; it is required for type COGNITO_USER_POOLS and names the pools whose tokens are accepted", a.address))
                    .help("set provider_arns = [aws_cognito_user_pool.<name>.arn]")
                    .emit(cx);
                continue;
            }
            State::Unknown(_) => {
                if a.pools(cx.m).is_empty() {
                    cx.cannot_verify(
                        &arns,
                        format!("the user pools of {}", a.address),
                        "reference the pool ARNs",
                    );
                }
                continue;
            }
            State::Known(items, _) => items.clone(),
        };
        if items.is_empty() {
            cx.report(
                &arns,
                None,
                format!(
                    "Cognito authorizer {} has an empty provider_arns; no token is ever accepted",
                    a.address
                ),
            )
            .help("set provider_arns = [aws_cognito_user_pool.<name>.arn]")
            .emit(cx);
            continue;
        }
        for it in items {
            let origins = it.origins();
            // the origin names a pool resource, so it has an address
            let pool_origin = origins.iter().find(|o| origin_pool(cx.m, o).is_some());
            // an ARN built from the pool id (`arn:aws:cognito-idp:<region>:<account>:userpool/${id}`)
            let built_arn = matches!(&it.v, V::Template(parts) if matches!(parts.first(), Some(Part::Lit(l)) if l.starts_with("arn:"))
                && parts.iter().any(|p| matches!(p, Part::Lit(l) if l.ends_with(":userpool/"))));
            if let Some(o) = pool_origin {
                if o.attr != "arn" && !o.attr.is_empty() && !(o.attr == "id" && built_arn) {
                    cx.report(&arns, Some(it), format!("provider_arns of {} takes {}, not the pool's ARN; API Gateway rejects it", a.address, o.name()))
                        .help(format!("use {}.arn", o.res.as_deref().unwrap_or_default()))
                        .emit(cx);
                }
                continue;
            }
            match it.as_str() {
                Some(s) => {
                    let ok = s.starts_with("arn:aws")
                        && s.contains(":cognito-idp:")
                        && s.contains(":userpool/");
                    if !ok {
                        cx.report(&arns, Some(it), format!("provider_arns of {} contains \"{s}\", which is not a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>)", a.address))
                            .help("use the pool's ARN (aws_cognito_user_pool.<name>.arn)")
                            .emit(cx);
                    }
                }
                None => cx
                    .report(
                        &arns,
                        Some(it),
                        format!(
                            "cannot verify a user pool of {}: {}",
                            a.address,
                            origins_text(&origins)
                        ),
                    )
                    .help("reference the pool ARN")
                    .note()
                    .emit(cx),
            }
        }
    }
}
