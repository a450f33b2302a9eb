//! Suppressions, the config file and baselines.

use crate::lint;
use std::path::PathBuf;

fn run_in(dir: &str, args: &[&str]) -> (u8, String, String) {
    // the config file is found upward from the current directory: tests pass --config instead
    let mut argv = vec!["authwire".to_string()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let _ = dir;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = crate::cli::run(&argv, &mut out, &mut err, false);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn suppressions_silence_expire_and_report_misuse() {
    let mut r = lint::run(
        &[PathBuf::from("testdata/policy/suppress")],
        &[],
        &crate::rules::all(),
    );
    crate::settings::apply_suppressions(&mut r, Some("2026-11-24"));
    let by_rule = |id: &str| {
        r.findings
            .iter()
            .filter(|f| f.rule == id)
            .collect::<Vec<_>>()
    };
    // silenced, with its reason kept visible
    let open = by_rule("rest-open-method-audit");
    assert_eq!(open.len(), 1);
    assert_eq!(
        open[0].suppression.as_deref(),
        Some("public webhook, verified by HMAC in the lambda")
    );
    // expired: reported, and the finding it silenced is back
    assert_eq!(by_rule("suppression-expired").len(), 1);
    assert!(
        by_rule("rest-scope-defined")
            .iter()
            .all(|f| f.suppression.is_none())
    );
    // no reason, and silences nothing
    assert_eq!(by_rule("suppression-reason").len(), 1);
    assert_eq!(by_rule("suppression-unused").len(), 1);
    // before the expiry date the suppression works
    let mut r = lint::run(
        &[PathBuf::from("testdata/policy/suppress")],
        &[],
        &crate::rules::all(),
    );
    crate::settings::apply_suppressions(&mut r, Some("2019-12-31"));
    assert!(
        r.findings
            .iter()
            .filter(|f| f.rule == "rest-scope-defined")
            .all(|f| f.suppression.is_some())
    );
    assert!(!r.findings.iter().any(|f| f.rule == "suppression-expired"));
}

#[test]
fn suppressions_through_the_cli() {
    let (code, out, _) = run_in(
        ".",
        &["lint", "testdata/policy/suppress", "--format", "json"],
    );
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sup: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["suppressed"].is_null())
        .collect();
    assert_eq!(sup.len(), 1);
    // suppressed findings are left out of the counts and the text report, kept in SARIF as suppressed
    assert_eq!(doc["summary"]["warning"], 2);
    let (_, sarif, _) = run_in(
        ".",
        &["lint", "testdata/policy/suppress", "--format", "sarif"],
    );
    assert!(
        sarif.contains("\"justification\": \"public webhook, verified by HMAC in the lambda\"")
    );
    let (_, text, err) = run_in(".", &["lint", "testdata/policy/suppress"]);
    assert!(!text.contains("is open (authorization NONE)"));
    assert!(err.contains("1 suppressed"));
    // --no-inline-ignores: every comment is ignored, nothing is silenced
    let (_, out, _) = run_in(
        ".",
        &[
            "lint",
            "testdata/policy/suppress",
            "--format",
            "json",
            "--no-inline-ignores",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["suppressed"].is_null()
                && !f["rule"].as_str().unwrap().starts_with("suppression-"))
    );
    // a malformed suppression is an input error with its location
    let (code, out, _) = run_in(
        ".",
        &["lint", "testdata/policy/malformed", "--format", "json"],
    );
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["errors"][0]["location"]["line"], 1);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-rule")
    );
}

#[test]
fn config_file_sets_defaults_rules_and_severities() {
    let cfg = "testdata/policy/config/.authwire.toml";
    let (code, out, _) = run_in(".", &["lint", "testdata/policy/config", "--config", cfg]);
    // format json from the config; rest-scope-defined disabled; open-method audit raised to error
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json by config");
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"rest-scope-defined"), "{rules:?}");
    let open = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rest-open-method-audit")
        .unwrap();
    assert_eq!(open["severity"], "error");
    assert_eq!(code, 1);
    // the command line wins over the config
    let (_, out, _) = run_in(
        ".",
        &[
            "lint",
            "testdata/policy/config",
            "--config",
            cfg,
            "--format",
            "checkstyle",
        ],
    );
    assert!(out.starts_with("<?xml"));
    // unknown keys are an error with the file location
    let (code, _, err) = run_in(
        ".",
        &[
            "lint",
            "testdata/policy/badconfig",
            "--config",
            "testdata/policy/badconfig/.authwire.toml",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("testdata/policy/badconfig/.authwire.toml:3:1") && err.contains("colour"),
        "{err}"
    );
    // the default config that `authwire init` writes parses
    let cfg: crate::settings::Config = toml::from_str(crate::settings::DEFAULT_CONFIG).unwrap();
    assert!(cfg.rules.disable.is_empty());
}

#[test]
fn baselines_survive_line_moves_and_list_fixed_findings() {
    let dir = std::env::temp_dir().join(format!("authwire-baseline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tf =
        std::fs::read_to_string("rules/rest-method-authorizer-wiring/fail/mismatches.tf").unwrap();
    std::fs::write(dir.join("main.tf"), &tf).unwrap();
    let base = dir.join("baseline.json");
    let (d, b) = (dir.to_str().unwrap(), base.to_str().unwrap());
    let (code, _, err) = run_in(".", &["lint", d, "--write-baseline", b]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote"));
    // same findings, moved down by blank lines and a comment: nothing new
    std::fs::write(dir.join("main.tf"), format!("# moved\n\n\n{tf}")).unwrap();
    let (code, out, _) = run_in(".", &["lint", d, "--baseline", b, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let loud: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "note")
        .collect();
    assert!(loud.is_empty(), "{loud:?}");
    assert_eq!(code, 0);
    // fix one: it is listed as fixed; add one: only it is reported
    let fixed = tf.replace(
        "  authorizer_id = aws_api_gateway_authorizer.cognito.id\n}\n",
        "}\n",
    );
    let added = format!(
        "{fixed}\nresource \"aws_api_gateway_method\" \"put\" {{\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  resource_id   = aws_api_gateway_rest_api.api.root_resource_id\n  http_method   = \"PUT\"\n  authorization = \"COGNITO_USER_POOLS\"\n}}\n"
    );
    std::fs::write(dir.join("main.tf"), added).unwrap();
    // in SARIF, what is left after the baseline is marked new
    let (_, sarif, _) = run_in(".", &["lint", d, "--baseline", b, "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["baselineState"] == "new"));
    let (code, out, _) = run_in(".", &["lint", d, "--baseline", b, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(code, 1);
    let loud: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "note")
        .collect();
    assert!(
        loud.iter()
            .all(|f| f["resource"] == "aws_api_gateway_method.put"),
        "{loud:?}"
    );
    assert!(
        doc["fixed"].as_array().is_some_and(|f| !f.is_empty()),
        "{doc}"
    );
    // a malformed baseline is an error
    std::fs::write(&base, "{\"version\": 1, \"findings\": [}").unwrap();
    assert_eq!(run_in(".", &["lint", d, "--baseline", b]).0, 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn file_level_suppressions_cover_the_whole_file() {
    let dir = std::env::temp_dir().join(format!("authwire-ignore-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tf = std::fs::read_to_string("rules/cognito-oauth-flag/fail/flag-false.tf").unwrap();
    std::fs::write(
        dir.join("main.tf"),
        format!("# authwire:ignore-file cognito-oauth-flag -- legacy client, replaced in Q1\n{tf}"),
    )
    .unwrap();
    let mut r = lint::run(std::slice::from_ref(&dir), &[], &crate::rules::all());
    crate::settings::apply_suppressions(&mut r, Some("2026-11-24"));
    let flag: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "cognito-oauth-flag")
        .collect();
    assert!(
        !flag.is_empty()
            && flag
                .iter()
                .all(|f| f.suppression.as_deref() == Some("legacy client, replaced in Q1"))
    );
    assert!(
        !r.findings
            .iter()
            .any(|f| f.rule.starts_with("suppression-"))
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn init_writes_a_config_that_loads_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("authwire-init-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = crate::settings::write_default_config(&dir).unwrap();
    let mut files = crate::source::Files::default();
    let cfg = crate::settings::load_config(&p, &mut files).unwrap();
    assert!(cfg.lint.format.is_none() && cfg.rules.disable.is_empty());
    assert_eq!(
        crate::settings::find_config(&dir.join("sub")),
        Some(p.clone())
    );
    assert!(
        crate::settings::write_default_config(&dir)
            .unwrap_err()
            .contains("exists already")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn two_findings_on_one_attribute_have_their_own_baseline_entries() {
    let dir = std::env::temp_dir().join(format!("authwire-baseline2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tf = std::fs::read_to_string("rules/rest-scope-defined/fail/typo.tf").unwrap();
    let two = tf.replace(
        "[\"bookstore/read\", \"bookstore/wirte\"]",
        "[\"bookstore/wirte\", \"bookstore/delet\"]",
    );
    assert_ne!(two, tf);
    std::fs::write(dir.join("main.tf"), &two).unwrap();
    let base = dir.join("baseline.json");
    let (d, b) = (dir.to_str().unwrap(), base.to_str().unwrap());
    assert_eq!(run_in(".", &["lint", d, "--write-baseline", b]).0, 0);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let scope_entries = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["rule"] == "rest-scope-defined")
        .count();
    assert_eq!(scope_entries, 2, "{doc}");
    // a third wrong scope on the same attribute is new: the baseline does not hide it
    let three = two.replace(
        "\"bookstore/delet\"]",
        "\"bookstore/delet\", \"bookstore/updat\"]",
    );
    std::fs::write(dir.join("main.tf"), &three).unwrap();
    let (code, out, _) = run_in(".", &["lint", d, "--baseline", b, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let new: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "rest-scope-defined")
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(
        new[0]["message"]
            .as_str()
            .unwrap()
            .contains("bookstore/updat")
    );
    assert_eq!(code, 1);
    std::fs::remove_dir_all(&dir).ok();
}

/// The config can name the baseline, and is found upward from the linted path when the current
/// directory has none.
#[test]
fn config_names_the_baseline_and_is_found_from_the_linted_path() {
    let dir = std::env::temp_dir().join(format!("authwire-cfgbl-{}", std::process::id()));
    let root = dir.join("infra");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(
        "rules/rest-scope-defined/fail/typo.tf",
        root.join("main.tf"),
    )
    .unwrap();
    let bl = dir.join("bl.json");
    let (b, r) = (bl.to_str().unwrap(), root.to_str().unwrap());
    assert_eq!(run_in(".", &["lint", r, "--write-baseline", b]).0, 0);
    std::fs::write(
        dir.join(".authwire.toml"),
        "[lint]\nbaseline = \"bl.json\"\n",
    )
    .unwrap();
    // the current directory (the repository) has no config; the linted path's parent has it
    let (code, _, err) = run_in(".", &["lint", r]);
    assert_eq!(code, 0, "{err}");
}

/// A suppression written inside a heredoc string is text, not a comment: it suppresses nothing.
#[test]
fn suppressions_inside_heredocs_are_not_comments() {
    let dir = std::env::temp_dir().join(format!("authwire-heredoc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        r#"resource "aws_api_gateway_method" "m" {
  rest_api_id          = "x"
  resource_id          = "y"
  http_method          = "GET"
  authorization        = "NONE"
  authorization_scopes = ["a/b"]
}

resource "aws_ssm_parameter" "p" {
  name  = "p"
  type  = "String"
  value = <<-EOT
    # authwire:ignore-file rest-scopes-need-cognito -- text of a parameter, not a comment
  EOT
}
"#,
    )
    .unwrap();
    let (code, out, _) = run_in(".", &["lint", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rest-scopes-need-cognito")
        .unwrap();
    assert!(f["suppressed"].is_null() || f["suppressed"] == false, "{f}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13 §1: a FIFO given as --config or --baseline is refused before it is opened.
#[cfg(unix)]
#[test]
fn special_config_and_baseline_files_are_refused() {
    use super::{TempDir, mkfifo, within};
    let t = TempDir::new("special-settings");
    mkfifo(&t.0.join("fifo"));
    for flag in ["--config", "--baseline"] {
        let fifo = t.path("fifo");
        let ((code, out, err), took) = within(move || {
            let args = ["lint", "testdata/example", flag, &fifo, "--format", "json"];
            run_in(".", &args)
        });
        assert_eq!(code, 2, "{flag}: {err}");
        assert!(took.as_secs() < 5, "{flag}: {took:?}");
        let all = out + &err;
        assert!(
            all.contains("fifo: it is a FIFO (named pipe), not a regular file; not read"),
            "{flag}: {all}"
        );
    }
}
