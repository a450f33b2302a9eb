//! Dates: RFC 3339 text of unix seconds, and unix seconds of RFC 3339 text or a number (used by
//! `authwire token --now` and by suppression `until=` dates).

/// Days since 1970-01-01 → (year, month, day) (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 } as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn rfc3339(t: i64) -> String {
    let (y, mo, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Unix seconds, or RFC 3339 (`2026-11-24T17:00:00Z`, `…+01:00`, fractional seconds ignored).
pub fn parse_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<i64>() {
        return Some(n);
    }
    // RFC 3339 is ASCII: anything else is not a time (and byte slicing below stays on
    // character boundaries)
    if !s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, se) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(r) = rest.strip_prefix('.') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" => 0,
        o if o.len() == 6
            && (o.starts_with('+') || o.starts_with('-'))
            && o.get(3..4) == Some(":") =>
        {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            sign * (o[1..3].parse::<i64>().ok()? * 3600 + o[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    days_from_civil(y, mo as u32, d as u32)
        .checked_mul(86_400)?
        .checked_add(h * 3600 + mi * 60 + se - offset)
}

#[cfg(test)]
mod tests {
    /// Multi-byte and malformed offsets are "not a time", never a panic.
    #[test]
    fn parse_time_never_panics() {
        for s in [
            "2026-11-24T17:00:00+0é00",
            "2026-11-24T17:00:00é",
            "2026-11-24T17:00:00+00é",
            "é026-11-24T17:00:00Z",
            "2026-11-24T17:00:00.9999999999999999999Z",
        ] {
            assert_eq!(
                super::parse_time(s),
                if s.ends_with(".9999999999999999999Z") {
                    super::parse_time("2026-11-24T17:00:00Z")
                } else {
                    None
                },
                "{s}"
            );
        }
        assert!(super::parse_time("2026-11-24T17:00:00+01:00").is_some());
    }
}
