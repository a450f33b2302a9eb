use crate::model::cognito::{Token, written};
use crate::model::view::{State, UserPoolClient};
use crate::rules::context::Cx;
use crate::rules::support::related;

rule!(
    Error,
    "App client token validities must be within Cognito's ranges, in their units"
);

fn check(cx: &mut Cx) {
    for c in cx.m.all::<UserPoolClient>() {
        for t in Token::ALL {
            let (min, max, range) = t.range();
            let validity = c.validity(t);
            let n = match &validity.state {
                State::Known(n, _) => *n,
                // the provider's defaults are in range
                State::Default(_) | State::Absent => continue,
                State::Unknown(_) => {
                    cx.cannot_verify(
                        &validity,
                        format!("{} of {}", validity.attr, c.address),
                        "make the token validity known at plan time",
                    );
                    continue;
                }
            };
            let unit_got = c.validity_unit(t);
            let unit = match &unit_got.state {
                State::Known(u, _) | State::Default(u) => u.clone(),
                State::Unknown(v) if v.is_unknown() => {
                    cx.cannot_verify(
                        &unit_got,
                        format!("the unit of {} of {}", validity.attr, c.address),
                        "make token_validity_units known at plan time",
                    );
                    continue;
                }
                // not a unit name: the provider's default applies
                State::Unknown(_) | State::Absent => t.default_unit(),
            };
            let Some(per) = unit.seconds() else { continue };
            let secs = n * per;
            if secs < min || secs > max {
                let unit_written = written(&unit_got).is_some();
                let implicit = if unit_written {
                    String::new()
                } else {
                    format!(" (the unit defaults to {unit})")
                };
                let mut f = cx.report(&validity, validity.val(), format!(
                    "{} = {} {unit}{implicit} is outside Cognito's range of {range}; the API fails with \"Invalid range for token validity\"",
                    validity.attr,
                    crate::value::fmt_num(n)))
                    .help(format!("set token_validity_units {{ {} = \"minutes\" }} (or another unit) so that the value means what you intend", t.unit_key()));
                if unit_written {
                    f = f.related(related(unit_got.res, unit_got.attr, "unit set here"));
                }
                f.emit(cx);
            }
        }
    }
}
