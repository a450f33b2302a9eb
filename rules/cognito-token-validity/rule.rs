use crate::finding::Finding;
use crate::model::Model;
use crate::rules::support::*;

rule!(
    Error,
    "App client token validities must be within Cognito's ranges, in their units"
);

fn check(m: &Model, out: &mut Vec<Finding>) {
    // (attribute, unit key, default unit, min seconds, max seconds, range text)
    const TOKENS: [(&str, &str, &str, f64, f64, &str); 3] = [
        (
            "access_token_validity",
            "access_token",
            "hours",
            300.0,
            86_400.0,
            "5 minutes to 1 day",
        ),
        (
            "id_token_validity",
            "id_token",
            "hours",
            300.0,
            86_400.0,
            "5 minutes to 1 day",
        ),
        (
            "refresh_token_validity",
            "refresh_token",
            "days",
            3_600.0,
            315_360_000.0,
            "60 minutes to 10 years",
        ),
    ];
    for c in m.resources_of("aws_cognito_user_pool_client") {
        for (attr, unit_key, default_unit, min, max, range) in TOKENS {
            let Some(v) = c.get(attr) else { continue };
            let crate::value::V::Num(n) = v.v else {
                continue;
            };
            let unit_v = c.get(&format!("token_validity_units.0.{unit_key}"));
            let unit = match unit_v {
                Some(u) if u.is_unknown() => continue,
                Some(u) => u.as_str().unwrap_or(default_unit),
                None => default_unit,
            };
            let secs = match unit {
                "seconds" => n,
                "minutes" => n * 60.0,
                "hours" => n * 3_600.0,
                "days" => n * 86_400.0,
                _ => continue,
            };
            if secs < min || secs > max {
                let implicit = if unit_v.is_none() {
                    format!(" (the unit defaults to {unit})")
                } else {
                    String::new()
                };
                let mut f = finding(&META, c, format!(
                        "{attr} = {} {unit}{implicit} is outside Cognito's range of {range}; the API fails with \"Invalid range for token validity\"",
                        crate::value::fmt_num(n)))
                        .place(place(c, attr, Some(v)))
                        .help(format!("set token_validity_units {{ {unit_key} = \"minutes\" }} (or another unit) so that the value means what you intend"));
                if unit_v.is_some() {
                    f = f.related(related(
                        c,
                        &format!("token_validity_units.0.{unit_key}"),
                        "unit set here",
                    ));
                }
                f.push(out);
            }
        }
    }
}
