//! Conformance: expressions → the values Terraform computes (testdata/conformance/*.jsonl).
//! Each line: {"expr": "...", "vars": {"name": "<value text>" | "UNKNOWN"}, "types":
//! {"name": "<type constraint>"}, "want": {"known": true, "value": <JSON>} | {"known": false}
//! | {"error": true}, "note": "where the fact comes from"}.

use crate::evalcmd::{eval_snippet, to_json};

/// A case marked `"gap": "reason"` documents a known difference: it must still differ (so the
/// marker is removed the day authwire gets it right).
fn check_case(line: &str) -> Result<bool, String> {
    let case: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("bad case line: {e}"))?;
    let gap = case.get("gap").and_then(|g| g.as_str());
    match (check(line), gap) {
        (Ok(()), None) => Ok(false),
        (Err(e), None) => Err(e),
        (Err(_), Some(_)) => Ok(true),
        (Ok(()), Some(g)) => Err(format!(
            "{}: now matches Terraform; remove its gap marker ({g})",
            case["expr"]
        )),
    }
}

fn check(line: &str) -> Result<(), String> {
    let case: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("bad case line: {e}"))?;
    let expr = case["expr"].as_str().ok_or("case without expr")?;
    let mut vars = Vec::new();
    if let Some(m) = case.get("vars").and_then(|v| v.as_object()) {
        for (k, v) in m {
            let text = v.as_str().unwrap_or_default().to_string();
            let ty = case
                .get("types")
                .and_then(|t| t.get(k))
                .and_then(|t| t.as_str())
                .unwrap_or_default()
                .to_string();
            let (ty, val) = if let Some(t) = text.strip_prefix("UNKNOWN:") {
                (t.to_string(), None)
            } else if text == "UNKNOWN" {
                (ty, None)
            } else {
                (ty, Some(text))
            };
            vars.push((k.clone(), ty, val));
        }
    }
    let want = &case["want"];
    let (v, diags) = eval_snippet(&vars, expr).map_err(|e| format!("{expr}: {e}"))?;
    if want.get("error").and_then(|e| e.as_bool()) == Some(true) {
        return if diags.is_empty() {
            Err(format!("{expr}: expected an error, got {}", to_json(&v)))
        } else {
            Ok(())
        };
    }
    if !diags.is_empty() {
        let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        return Err(format!("{expr}: unexpected error(s): {msgs:?}"));
    }
    let got = to_json(&v);
    if want["known"] == serde_json::Value::Bool(false) {
        return if got["known"] == serde_json::Value::Bool(false) {
            Ok(())
        } else {
            Err(format!("{expr}: expected unknown, got {got}"))
        };
    }
    if got["known"] != serde_json::Value::Bool(true) {
        return Err(format!(
            "{expr}: expected {}, got unknown {got}",
            want["value"]
        ));
    }
    if !json_eq(&got["value"], &want["value"]) {
        return Err(format!(
            "{expr}: expected {}, got {}",
            want["value"], got["value"]
        ));
    }
    if let Some(t) = want.get("type").and_then(|t| t.as_str())
        && got["type"].as_str() != Some(t)
    {
        return Err(format!("{expr}: expected type {t}, got {}", got["type"]));
    }
    Ok(())
}

/// JSON equality with numbers compared as f64 (Terraform's big decimals vs our doubles).
fn json_eq(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || ((x - y).abs() <= 1e-12 * x.abs().max(y.abs()))
        }
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn expressions_evaluate_as_terraform_does() {
    let dir = super::root().join("testdata/conformance");
    let mut total = 0;
    let mut gaps = 0;
    let mut failures = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with("//") {
                continue;
            }
            total += 1;
            match check_case(line) {
                Ok(true) => gaps += 1,
                Ok(false) => {}
                Err(e) => failures.push(format!(
                    "{}:{}: {e}",
                    f.file_name().unwrap().to_string_lossy(),
                    i + 1
                )),
            }
        }
    }
    assert!(total >= 400, "only {total} conformance cases found");
    eprintln!("conformance: {total} cases, {gaps} known gaps");
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ from Terraform:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
