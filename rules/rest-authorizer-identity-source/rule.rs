use crate::model::view::State;
use crate::rules::context::Cx;
use crate::rules::support::cognito_authorizers;

rule!(
    Warning,
    "A Cognito REST authorizer reads the token from exactly one request header"
);

fn check(cx: &mut Cx) {
    for a in cognito_authorizers(cx) {
        let src = a.identity_source();
        let s = match &src.state {
            State::Known(s, _) => *s,
            // the provider's default is one header
            State::Default(_) | State::Absent => continue,
            State::Unknown(_) => {
                cx.cannot_verify(
                    &src,
                    format!("the identity_source of {}", a.address),
                    "use identity_source = \"method.request.header.Authorization\"",
                );
                continue;
            }
        };
        let ok = s.starts_with("method.request.header.")
            && !s.contains(',')
            && s.len() > "method.request.header.".len();
        if !ok {
            cx.report(&src, src.val(), format!("identity_source of Cognito authorizer {} is \"{s}\"; a COGNITO_USER_POOLS authorizer reads the token from one header (method.request.header.<Name>), so requests get 401 before Cognito is consulted", a.address))
                .help("use identity_source = \"method.request.header.Authorization\" (the default)")
                .emit(cx);
        }
    }
}
