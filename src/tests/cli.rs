//! The command line end to end: exit codes, reports, malformed input, plans.

use super::root;
use insta::assert_snapshot;

fn run(args: &[&str]) -> (u8, String, String) {
    let mut argv = vec!["authwire".to_string()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = crate::cli::run(&argv, &mut out, &mut err, false);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn json(args: &[&str]) -> (u8, serde_json::Value) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let (code, out, _) = run(&a);
    (code, serde_json::from_str(&out).unwrap())
}

#[test]
fn example_reports_match_snapshots() {
    assert!(root().join("testdata/example").is_dir());
    let (code, out, err) = run(&["lint", "testdata/example"]);
    assert_eq!(code, 1);
    assert!(err.contains("2 error(s), 1 warning(s)"), "{err}");
    assert_snapshot!("example_text", out);
    let (code, out, _) = run(&["lint", "testdata/example", "--format", "json"]);
    assert_eq!(code, 1);
    assert_snapshot!("example_json", out);
}

#[test]
fn output_is_deterministic() {
    let a = run(&[
        "lint",
        "testdata/example",
        "rules/rest-scope-defined/fail",
        "--format",
        "json",
    ])
    .1;
    let b = run(&[
        "lint",
        "rules/rest-scope-defined/fail",
        "testdata/example",
        "--format",
        "json",
    ])
    .1;
    assert_eq!(a, b);
}

#[test]
fn exit_codes_follow_fail_on() {
    assert_eq!(run(&["lint", "rules/cognito-oauth-flag/pass/m2m.tf"]).0, 0);
    let warn_only = "rules/r53-parent-record-order/fail/no-depends-on.tf";
    assert_eq!(run(&["lint", warn_only]).0, 1);
    assert_eq!(run(&["lint", warn_only, "--fail-on", "error"]).0, 0);
    assert_eq!(run(&["lint", warn_only, "--fail-on", "note"]).0, 1);
    assert_eq!(
        run(&["lint", "testdata/example", "--fail-on", "never"]).0,
        0
    );
    assert_eq!(run(&["lint", "--fail-on", "sometimes"]).0, 2);
    assert_eq!(run(&["lint", "no/such/dir"]).0, 2);
}

#[test]
fn malformed_file_is_an_error_and_the_rest_is_still_linted() {
    let (code, doc) = json(&["lint", "testdata/cli/malformed"]);
    assert_eq!(code, 2);
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0]["location"]["file"],
        "testdata/cli/malformed/broken.tf"
    );
    assert_eq!(errors[0]["location"]["line"], 2);
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"cognito-cc-requires-secret"), "{rules:?}");
}

#[test]
fn json_report_has_the_contract_fields() {
    let (_, doc) = json(&["lint", "rules/rest-scope-defined/fail/module-and-tfvars"]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "authwire");
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rest-scope-defined")
        .unwrap()
        .clone();
    assert_eq!(f["resource"], "aws_api_gateway_method.this[\"POST\"]");
    // the value comes from terraform.tfvars: the finding points at the use, related at the tfvars line
    assert_eq!(
        f["location"]["file"],
        "rules/rest-scope-defined/fail/module-and-tfvars/main.tf"
    );
    let rel = f["related"].as_array().unwrap();
    assert!(rel.iter().any(|r| r["location"]["file"]
        == "rules/rest-scope-defined/fail/module-and-tfvars/terraform.tfvars"
        && r["location"]["line"] == 3));
    assert!(doc["summary"]["resources"].as_u64().unwrap() > 0);
}

#[test]
fn plans_with_unknowns_join_by_reference() {
    let (code, doc) = json(&["lint", "testdata/plan/unknowns.json"]);
    assert_eq!(code, 1);
    let f = &doc["findings"][0];
    assert_eq!(f["rule"], "rest-scope-defined");
    assert_eq!(f["resource"], "aws_api_gateway_method.put_book");
    // no configuration beside the plan: the finding points at the resource's entry in the plan
    assert_eq!(f["location"]["file"], "testdata/plan/unknowns.json");
    assert!(f["location"]["line"].as_u64().unwrap() > 1, "{f}");
    assert!(f["message"].as_str().unwrap().contains("bookstore/wirte"));
}

#[test]
fn plans_with_known_arns_join_by_value_in_any_encoding() {
    for p in [
        "testdata/plan/known-arns.json",
        "testdata/plan/known-arns-utf16.json",
    ] {
        let (code, doc) = json(&["lint", p]);
        assert_eq!(code, 1, "{p}");
        let errs: Vec<&serde_json::Value> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert_eq!(errs.len(), 1, "{p}: {doc}");
        assert_eq!(errs[0]["resource"], "aws_api_gateway_method.post");
        assert!(
            errs[0]["message"]
                .as_str()
                .unwrap()
                .contains("aws_cognito_user_pool.users")
        );
    }
}

#[test]
fn a_json_file_that_is_not_a_plan_is_an_error() {
    let (code, doc) = json(&["lint", "testdata/plan/not-a-plan.json"]);
    assert_eq!(code, 2);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not a Terraform plan")
    );
}

#[test]
fn rules_and_explain() {
    let (code, out, _) = run(&["rules"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), crate::rules::all().len());
    let (code, out, _) = run(&["explain", "rest-scope-defined"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# rest-scope-defined"));
    assert_eq!(run(&["explain", "no-such-rule"]).0, 2);
}

#[test]
fn directory_without_terraform_is_an_error() {
    let (code, doc) = json(&["lint", "testdata/cli/no-terraform"]);
    assert_eq!(code, 2);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no Terraform files")
    );
}

#[test]
fn clean_configurations_give_no_error_or_warning() {
    // an HTTP API with Cognito in a local module, provider aliases, for_each routes from tfvars,
    // wildcard certificate, ordering through depends_on → module input → record
    for dir in [
        "rules/r53-parent-record-order/pass/through-module-input",
        "rules/rest-scope-defined/pass/for-each-servers",
    ] {
        let (code, doc) = json(&["lint", dir]);
        let loud: Vec<&serde_json::Value> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "note")
            .collect();
        assert!(loud.is_empty(), "{dir}: {loud:?}");
        assert_eq!(code, 0, "{dir}");
    }
}

#[test]
fn plan_findings_get_locations_from_the_source_configuration() {
    let (code, doc) = json(&[
        "lint",
        "testdata/plan/unknowns.json",
        "--source",
        "testdata/plan/source",
    ]);
    assert_eq!(code, 1);
    let f = &doc["findings"][0];
    assert_eq!(f["location"]["file"], "testdata/plan/source/main.tf");
    assert_eq!(f["location"]["line"], 48);
    assert_eq!(f["related"][0]["location"]["line"], 6);
    // a plan next to its .tf files: found without --source, and the .tf files are not linted twice
    let dir = std::env::temp_dir().join(format!("authwire-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("testdata/plan/source/main.tf", dir.join("main.tf")).unwrap();
    std::fs::copy("testdata/plan/unknowns.json", dir.join("plan.json")).unwrap();
    let p = dir.join("plan.json");
    let (code, doc) = json(&["lint", p.to_str().unwrap()]);
    assert_eq!(code, 1);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(
        findings.iter().filter(|f| f["severity"] == "error").count(),
        1,
        "{doc}"
    );
    assert!(
        findings[0]["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("main.tf")
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        run(&[
            "lint",
            "testdata/plan/unknowns.json",
            "--source",
            "testdata/nowhere"
        ])
        .0,
        2
    );
}

#[test]
fn bad_inputs_are_located_errors_and_never_skip_the_rest() {
    // a module source that does not exist
    let (code, doc) = json(&["lint", "testdata/cli/missing-module"]);
    assert_eq!(code, 2);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("does-not-exist")
    );
    assert_eq!(doc["errors"][0]["location"]["line"], 2);
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "cognito-cc-exclusive-flow")
    );
    // a tfvars file that does not parse
    let (code, doc) = json(&["lint", "testdata/cli/bad-tfvars"]);
    assert_eq!(code, 2);
    assert!(
        doc["errors"][0]["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("terraform.tfvars")
    );
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "cognito-cc-exclusive-flow")
    );
    // a bad --var
    assert_eq!(
        run(&["lint", "testdata/cli/bad-tfvars", "--var", "novalue"]).0,
        2
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_errors_not_hangs() {
    let dir = std::env::temp_dir().join(format!("authwire-loop-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy("rules/cognito-oauth-flag/pass/m2m.tf", dir.join("main.tf")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
    let (code, doc) = json(&["lint", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("loop"),
        "{doc}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn truncated_and_deeply_nested_inputs_never_panic() {
    let dir = std::env::temp_dir().join(format!("authwire-trunc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sources = [
        (
            "main.tf",
            std::fs::read_to_string("testdata/example/api.tf").unwrap(),
        ),
        (
            "main.tf.json",
            std::fs::read_to_string("testdata/plan/unknowns.json").unwrap(),
        ),
    ];
    for (name, text) in &sources {
        let step = (text.len() / 60).max(1);
        for cut in (0..text.len()).step_by(step) {
            let mut end = cut;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            std::fs::write(dir.join(name), &text[..end]).unwrap();
            let code = run(&["lint", dir.to_str().unwrap(), "--format", "json"]).0;
            assert!(code <= 2);
            std::fs::remove_file(dir.join(name)).ok();
        }
    }
    let deep = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(3000),
        "]".repeat(3000)
    );
    std::fs::write(dir.join("deep.tf"), deep).unwrap();
    let code = run(&["lint", dir.to_str().unwrap(), "--format", "json"]).0;
    assert!(code <= 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ci_formats_match_snapshots_and_sarif_validates() {
    for f in ["sarif", "junit", "checkstyle", "github"] {
        let (code, out, _) = run(&["lint", "testdata/example", "--format", f]);
        assert_eq!(code, 1, "{f}");
        assert_snapshot!(format!("example_{f}"), out);
    }
    let (_, sarif, _) = run(&["lint", "testdata/example", "--format", "sarif"]);
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("testdata/sarif-schema-2.1.0.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "SARIF does not validate: {errors:?}");
    // every rule is described, with its documentation as help; locations are relative
    let run0 = &doc["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        crate::rules::all().len()
    );
    assert!(
        run0["tool"]["driver"]["rules"][0]["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## How to fix")
    );
    // what code scanning uses: a documentation link, security tags and severity per rule
    for r in run0["tool"]["driver"]["rules"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        assert!(
            r["helpUri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("docs/rules.md#{id}")),
            "{r}"
        );
        assert!(r["properties"]["tags"][0] == "security", "{r}");
        assert!(r["properties"]["security-severity"].is_string(), "{r}");
    }
    assert_eq!(
        run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
    assert_eq!(
        run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "testdata/example/api.tf"
    );
    // --output writes the report to a file
    let out = std::env::temp_dir().join(format!("authwire-out-{}.sarif", std::process::id()));
    let (code, stdout, _) = run(&[
        "lint",
        "testdata/example",
        "--format",
        "sarif",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), sarif);
    std::fs::remove_file(&out).ok();
}

#[test]
fn pre_commit_hook_lints_the_roots_of_changed_files() {
    // a changed file inside a called module: its caller is linted, other roots are not
    let changed = "rules/rest-scope-defined/fail/module-and-tfvars/modules/auth/main.tf";
    let (code, out, err) = run(&["hook", changed]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("rest-scope-defined") && out.contains("orders/manages"),
        "{out}"
    );
    assert!(err.contains("in 6 resource(s)"), "{err}");
    // no Terraform among the changed files: nothing to do
    assert_eq!(run(&["hook", "README.md"]).0, 0);
    // a broken file that was changed fails the hook
    assert_eq!(run(&["hook", "testdata/cli/malformed/broken.tf"]).0, 2);
    // the hook is the lint pipeline: it honours the config file (here: rest-scope-defined
    // disabled, JSON format, fail on errors only) and takes lint's options
    let (code, out, err) = run(&[
        "hook",
        "--config",
        "testdata/policy/config/.authwire.toml",
        changed,
    ]);
    let doc: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(
        !doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "rest-scope-defined"),
        "{out}"
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = run(&["hook", "--fail-on", "never", changed]);
    assert_eq!(code, 0);
}

#[test]
fn plans_follow_nested_blocks_and_module_variables() {
    // the JWT issuer is unknown inside jwt_configuration, in a module, passed through a variable
    let (code, doc) = json(&["lint", "testdata/plan/http-module-unknowns.json"]);
    assert_eq!(code, 1);
    let errors: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["rule"], "http-scope-defined");
    assert_eq!(
        errors[0]["resource"],
        "module.api.aws_apigatewayv2_route.list"
    );
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("aws_cognito_user_pool.pool")
    );
}

#[test]
fn several_formats_in_one_run() {
    let dir = std::env::temp_dir().join(format!("authwire-multi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (s, j) = (dir.join("r.sarif"), dir.join("r.xml"));
    let (code, out, _) = run(&[
        "lint",
        "testdata/example",
        "--format",
        "sarif",
        "--output",
        s.to_str().unwrap(),
        "--format",
        "junit",
        "--output",
        j.to_str().unwrap(),
        "--format",
        "github",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("::error"),
        "the unpaired format goes to stdout: {out}"
    );
    assert!(
        std::fs::read_to_string(&s)
            .unwrap()
            .contains("\"version\": \"2.1.0\"")
    );
    assert!(std::fs::read_to_string(&j).unwrap().starts_with("<?xml"));
    // two formats for stdout is a usage error
    assert_eq!(
        run(&[
            "lint",
            "testdata/example",
            "--format",
            "json",
            "--format",
            "sarif"
        ])
        .0,
        2
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn eval_prints_values_origins_and_errors() {
    // text: as terraform console prints it
    let (code, out, _) = run(&[
        "eval",
        "testdata/eval/realworld",
        "--module",
        "module.api",
        "--expr",
        "var.routes",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("tomap({"), "{out}");
    assert!(
        out.contains("\"authorizer_id\" = (known after apply)"),
        "{out}"
    );
    // JSON: known values, and the origins of unknown parts
    let (code, out, _) = run(&[
        "eval",
        "testdata/eval/templates",
        "--format",
        "json",
        "--expr",
        "aws_api_gateway_rest_api.api.body",
    ]);
    assert_eq!(code, 0);
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["known"], false);
    assert_eq!(j["origins"][0], "aws_cognito_user_pool.p.arn");
    let (code, out, _) = run(&[
        "eval",
        "testdata/eval/templates",
        "--format",
        "json",
        "--expr",
        "aws_ssm_parameter.files.value",
    ]);
    assert_eq!(code, 0);
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["value"], "tpl/openapi.json.tftpl:true");
    // an expression Terraform rejects: exit 2 with the message
    let (code, _, err) = run(&[
        "eval",
        "testdata/eval/realworld",
        "--expr",
        "var.authorizer",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("Did you mean \"authorizers\"?"), "{err}");
    let (code, _, err) = run(&["eval", "testdata/eval/realworld", "--expr", "1 +"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not parse"), "{err}");
    let (code, _, err) = run(&[
        "eval",
        "testdata/eval/realworld",
        "--module",
        "module.nope",
        "--expr",
        "1",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no module instance module.nope"), "{err}");
}

/// An OpenAPI body in a plan (a known string) is read like one in the configuration: its
/// operations are methods every rule checks.
#[test]
fn openapi_bodies_in_plans_are_checked() {
    let (code, j) = json(&["lint", "testdata/plan/openapi-body-plan.json"]);
    assert_eq!(code, 1, "{j}");
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rest-scope-defined")
        .unwrap_or_else(|| panic!("{j}"));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["resource"],
        "aws_api_gateway_rest_api.openapi_orders.body[\"GET /orders\"]"
    );
    assert!(
        f["message"].as_str().unwrap().contains("orders/raed"),
        "{f}"
    );
}

/// A body that is not a valid document is a located input error (exit 2) in the document file.
#[test]
fn an_invalid_openapi_body_is_a_located_input_error() {
    let (code, j) = json(&["lint", "testdata/openapi/bad-yaml"]);
    assert_eq!(code, 2, "{j}");
    let e = &j["errors"][0];
    assert!(
        e["message"].as_str().unwrap().starts_with(
            "the body of aws_api_gateway_rest_api.api is not a valid OpenAPI document"
        ),
        "{e}"
    );
    assert_eq!(
        e["location"]["file"],
        "testdata/openapi/bad-yaml/openapi.yaml"
    );
    assert!(e["location"]["line"].as_u64().unwrap() >= 4, "{e}");
}

/// A root that cannot be read never looks green: every report format says so.
#[test]
fn every_format_reports_unreadable_inputs() {
    let args = ["lint", "testdata/cli/malformed", "--fail-on", "never"];
    let with = |f: &str| {
        let mut a = args.to_vec();
        a.extend(["--format", f]);
        let (code, out, _) = run(&a);
        assert_eq!(code, 2, "{f}: {out}");
        out
    };
    let sarif: serde_json::Value = serde_json::from_str(&with("sarif")).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("testdata/sarif-schema-2.1.0.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "SARIF does not validate: {errors:?}");
    // a plan's SARIF validates too, and every result has a location (code scanning needs one)
    let (_, plan, _) = run(&["lint", "testdata/plan/unknowns.json", "--format", "sarif"]);
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    assert!(validator.iter_errors(&plan).next().is_none());
    for r in plan["runs"][0]["results"].as_array().unwrap() {
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"].is_number(),
            "{r}"
        );
    }
    let inv = &sarif["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false, "{inv}");
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.contains("malformed")),
        "{n}"
    );
    let junit = with("junit");
    assert!(junit.contains("<testsuite name=\"inputs\""), "{junit}");
    assert!(junit.contains("type=\"input error\""), "{junit}");
    let cs = with("checkstyle");
    assert!(cs.contains("source=\"authwire.input\""), "{cs}");
    assert!(cs.contains("severity=\"error\""), "{cs}");
    let gh = with("github");
    assert!(gh.starts_with("::error file="), "{gh}");
    let j: serde_json::Value = serde_json::from_str(&with("json")).unwrap();
    assert!(!j["errors"].as_array().unwrap().is_empty());
    assert!(with("text").contains("broken.tf:2:3"));
    assert!(with("compact").contains("broken.tf:2:3: error input: "));
    let gl: serde_json::Value = serde_json::from_str(&with("gitlab")).unwrap();
    assert!(
        gl.as_array()
            .unwrap()
            .iter()
            .any(|i| i["severity"] == "blocker" && i["check_name"] == "authwire.input")
    );
}

/// The hook and lint give the same findings and exit code for the same tree and config.
#[test]
fn hook_and_lint_agree() {
    let root = "rules/rest-scope-defined/fail/module-and-tfvars";
    let changed = "rules/rest-scope-defined/fail/module-and-tfvars/modules/auth/main.tf";
    for extra in [
        vec![],
        vec!["--config", "testdata/policy/config/.authwire.toml"],
        vec!["--fail-on", "error"],
    ] {
        let mut h = vec!["hook", "--format", "json"];
        h.extend(extra.iter().copied());
        h.push(changed);
        let mut l = vec!["lint", "--format", "json"];
        l.extend(extra.iter().copied());
        l.push(root);
        let (hc, hout, _) = run(&h);
        let (lc, lout, _) = run(&l);
        assert_eq!(hc, lc, "{extra:?}");
        let hj: serde_json::Value = serde_json::from_str(&hout).unwrap();
        let lj: serde_json::Value = serde_json::from_str(&lout).unwrap();
        assert_eq!(hj["findings"], lj["findings"], "{extra:?}");
        assert!(!lj["findings"].as_array().unwrap().is_empty());
    }
}

/// The formats and conventions of other linters: compact lines, GitLab Code Quality, output
/// files naming their format, one report per file, quiet, rules as JSON, completions.
#[test]
fn compact_gitlab_and_command_line_conventions() {
    let (code, out, _) = run(&["lint", "testdata/example", "-f", "compact"]);
    assert_eq!(code, 1);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("testdata/example/api.tf:87:27: error rest-scope-defined: "),
        "{first}"
    );
    let (_, out, _) = run(&["lint", "testdata/example", "--format", "gitlab"]);
    let gl: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issue = &gl[0];
    assert_eq!(issue["check_name"], "rest-scope-defined");
    assert_eq!(issue["severity"], "critical");
    assert_eq!(issue["location"]["path"], "testdata/example/api.tf");
    assert_eq!(issue["location"]["lines"]["begin"], 87);
    assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 32);
    // --output alone: the extension names the format, or the run is refused
    let dir = std::env::temp_dir().join(format!("authwire-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sarif = dir.join("r.sarif");
    let (code, _, _) = run(&["lint", "testdata/example", "-o", sarif.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        std::fs::read_to_string(&sarif)
            .unwrap()
            .contains("\"2.1.0\"")
    );
    let (code, _, err) = run(&[
        "lint",
        "testdata/example",
        "-o",
        dir.join("r.bin").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    let same = dir.join("a.json");
    let same = same.to_str().unwrap();
    let (code, _, err) = run(&[
        "lint",
        "testdata/example",
        "-f",
        "json",
        "-o",
        same,
        "-f",
        "sarif",
        "-o",
        same,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("given twice"), "{err}");
    // --quiet: no summary; --color never: no escape codes
    let (_, out, err) = run(&["lint", "testdata/example", "-q", "--color", "always"]);
    assert!(err.is_empty(), "{err}");
    assert!(out.contains('\u{1b}'));
    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rules.as_array().unwrap().len(), crate::rules::all().len());
    let (_, _, err) = run(&["explain", "rest-scope-defind"]);
    assert!(err.contains("did you mean rest-scope-defined?"), "{err}");
    let (code, out, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(out.contains("authwire"));
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") || out.contains(".TH authwire"),
        "{out}"
    );
}

/// A plan saved without the .json suffix is recognised by its content.
#[test]
fn plans_without_a_json_suffix_are_read() {
    let (code, doc) = json(&["lint", "testdata/plan/noext/plan"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(doc["findings"][0]["rule"], "rest-scope-defined");
    assert_eq!(
        doc["findings"][0]["location"]["file"],
        "testdata/plan/noext/plan"
    );
}

/// `authwire lint -` reads a plan from standard input.
#[test]
fn a_plan_on_standard_input_is_linted() {
    let plan = std::fs::read_to_string("testdata/plan/unknowns.json").unwrap();
    let args: Vec<String> = ["authwire", "lint", "-", "--format", "json"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = crate::cli::run_with_stdin(&args, &mut plan.as_bytes(), &mut out, &mut err, false);
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&err));
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["findings"][0]["rule"], "rest-scope-defined");
}

/// A --var no root module declares is a warning on standard error, as Terraform says it.
#[test]
fn an_undeclared_var_warns() {
    let (code, _, err) = run(&["lint", "testdata/example", "--var", "nope=1", "-q"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("warning: Value for undeclared variable: --var nope="),
        "{err}"
    );
}

/// A finding on a very long line (a minified .tf.json) is reported by its location, never a
/// panic of the snippet renderer.
#[test]
fn findings_on_very_long_lines_are_reported() {
    let dir = std::env::temp_dir().join(format!("authwire-longline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pad = "x".repeat(70_000);
    let doc = format!(
        r#"{{"resource":{{"aws_api_gateway_rest_api":{{"api":{{"name":"api","description":"{pad}"}}}},"aws_api_gateway_method":{{"m":{{"rest_api_id":"${{aws_api_gateway_rest_api.api.id}}","resource_id":"${{aws_api_gateway_rest_api.api.root_resource_id}}","http_method":"GET","authorization":"NONE","authorization_scopes":["a/b"]}}}}}}}}"#
    );
    std::fs::write(dir.join("main.tf.json"), doc).unwrap();
    let (code, out, _) = run(&["lint", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("main.tf.json:1:"),
        "{}",
        &out[..out.len().min(500)]
    );
    assert!(out.contains("rest-scopes-need-cognito"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Control characters in values (an ESC sequence in a string) never reach a report raw.
#[test]
fn control_characters_are_escaped_in_reports() {
    let dir = std::env::temp_dir().join(format!("authwire-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_api_gateway_method\" \"m\" {\n  rest_api_id = \"x\"\n  resource_id = \"y\"\n  http_method = \"GET\\u001b[31mRED\"\n  authorization = \"NONE\"\n  authorization_scopes = [\"a/b\"]\n}\n",
    )
    .unwrap();
    for f in [
        "text",
        "compact",
        "github",
        "json",
        "sarif",
        "junit",
        "checkstyle",
        "gitlab",
    ] {
        let (_, out, _) = run(&["lint", dir.to_str().unwrap(), "--format", f]);
        assert!(!out.contains('\u{1b}'), "{f}: a raw ESC in the report");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn run_owned(args: Vec<String>) -> (u8, String, String) {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

fn error_messages(out: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(out).unwrap();
    doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect()
}

/// Issue 13 §1: a FIFO, socket, device or a directory with an input's name, in a tree or given
/// explicitly, is a located input error, refused before it is opened (a FIFO never blocks).
#[cfg(unix)]
#[test]
fn special_files_are_refused_before_they_are_opened() {
    use super::{TempDir, mkfifo, within};
    let t = TempDir::new("special");
    std::fs::copy("rules/cognito-oauth-flag/pass/m2m.tf", t.0.join("main.tf")).unwrap();
    mkfifo(&t.0.join("pipe.tf"));
    let _sock = std::os::unix::net::UnixListener::bind(t.0.join("sock.tf")).unwrap();
    std::fs::create_dir(t.0.join("dir.tf")).unwrap();
    std::fs::create_dir(t.0.join("vars")).unwrap();
    mkfifo(&t.0.join("vars/pipe.tfvars"));

    let dir = t.path("");
    let ((code, out, _), took) =
        within(move || run_owned(vec!["lint".into(), dir, "--format".into(), "json".into()]));
    assert_eq!(code, 2, "{out}");
    assert!(took.as_secs() < 5, "{took:?}");
    let errs = error_messages(&out);
    for (name, what) in [
        (
            "pipe.tf",
            "it is a FIFO (named pipe), not a regular file; not read",
        ),
        ("sock.tf", "it is a socket, not a regular file; not read"),
        ("dir.tf", "is a directory with a Terraform file's name"),
    ] {
        assert!(
            errs.iter().any(|e| e.contains(name) && e.contains(what)),
            "{name}: {errs:?}"
        );
    }
    // the findings of the regular file are still reported
    assert!(out.contains("main.tf"), "{out}");

    // given explicitly: a FIFO, a device, a FIFO --var-file
    for args in [
        vec!["lint".to_string(), t.path("pipe.tf")],
        vec!["lint".to_string(), "/dev/zero".into()],
        vec![
            "lint".to_string(),
            t.path("main.tf"),
            "--var-file".into(),
            t.path("vars/pipe.tfvars"),
        ],
    ] {
        let shown = args.join(" ");
        let mut args = args;
        args.extend(["--format".into(), "json".into()]);
        let ((code, out, _), took) = within(move || run_owned(args));
        assert_eq!(code, 2, "{shown}: {out}");
        assert!(took.as_secs() < 5, "{shown}: {took:?}");
        let errs = error_messages(&out);
        assert!(
            errs.iter()
                .any(|e| e.contains("not a regular file; not read")
                    && (e.contains("pipe.t") || e.contains("/dev/zero"))),
            "{shown}: {errs:?}"
        );
    }

    // authwire token: --jwks and --token-file
    let (jwks, tok) = (t.path("vars/pipe.tfvars"), t.path("pipe.tf"));
    for args in [
        vec!["token", "testdata/example", "--jwks", &jwks],
        vec![
            "token",
            "testdata/example",
            "--jwks",
            "testdata/token/jwks.json",
            "--token-file",
            &tok,
        ],
    ] {
        let shown = args.join(" ");
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let ((code, _, err), took) = within(move || run_owned(args));
        assert_eq!(code, 2, "{shown}: {err}");
        assert!(took.as_secs() < 5, "{shown}: {took:?}");
        assert!(
            err.contains("pipe.t") && err.contains("FIFO (named pipe), not a regular file"),
            "{shown}: {err}"
        );
    }
}

/// Issue 13 §1.2: every read stops at one limit (64 MiB per file), an input error naming the
/// file: in a tree, explicit, --var-file, --config, --baseline and file(). The large file is
/// sparse (no disk space used).
#[test]
fn inputs_over_the_size_limit_are_refused_with_their_name() {
    use super::TempDir;
    let t = TempDir::new("large");
    std::fs::copy("rules/cognito-oauth-flag/pass/m2m.tf", t.0.join("main.tf")).unwrap();
    let big = |name: &str| {
        let f = std::fs::File::create(t.0.join(name)).unwrap();
        f.set_len(crate::input::MAX_INPUT_BYTES + 1).unwrap();
        t.path(name)
    };
    let limit = "it is larger than authwire's limit of 64 MiB per file; not read";
    let big_tf = big("big.tf");
    let (code, out, _) = run(&["lint", &t.path(""), "--format", "json"]);
    assert_eq!(code, 2);
    let errs = error_messages(&out);
    assert!(
        errs.iter()
            .any(|e| e.contains("big.tf") && e.contains(limit)),
        "{errs:?}"
    );
    assert!(out.contains("main.tf"), "the rest is still linted: {out}");
    let (code, out, _) = run(&["lint", &big_tf, "--format", "json"]);
    assert_eq!(code, 2);
    assert!(
        error_messages(&out).iter().any(|e| e.contains(limit)),
        "{out}"
    );

    std::fs::create_dir(t.0.join("other")).unwrap();
    let main = t.path("main.tf");
    let vars = big("other/big.tfvars");
    let cfg = big("other/big.toml");
    let baseline = big("other/big-baseline.json");
    for (flag, file) in [
        ("--var-file", &vars),
        ("--config", &cfg),
        ("--baseline", &baseline),
    ] {
        let (code, out, err) = run(&["lint", &main, flag, file, "--format", "json"]);
        assert_eq!(code, 2, "{flag}");
        let all = out + &err;
        assert!(all.contains(limit) && all.contains("big"), "{flag}: {all}");
    }
    let (_, diags, _) = crate::evalcmd::run(&t.0, "file(\"other/big.toml\")", None, &[]).unwrap();
    assert!(diags.iter().any(|d| d.message.contains(limit)), "{diags:?}");
}

/// Issue 13 §1.3: the files Terraform ignores (IsIgnoredFile: `.name`, `name~`, `#name#`) are
/// not read from a tree, including an Emacs lock file (a dangling symbolic link `.#main.tf`).
#[test]
fn dotfiles_and_editor_files_are_ignored_as_terraform_ignores_them() {
    use super::TempDir;
    let t = TempDir::new("ignored");
    std::fs::copy("rules/cognito-oauth-flag/pass/m2m.tf", t.0.join("main.tf")).unwrap();
    for name in [
        ".hidden.tf",
        "main.tf~",
        "#main.tf#",
        ".scratch.tfvars",
        "old.tfvars~",
    ] {
        std::fs::write(t.0.join(name), "this is { not HCL").unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink("user@host.1234:1700000000", t.0.join(".#main.tf")).unwrap();
    let (code, doc) = json(&["lint", &t.path("")]);
    assert_eq!(doc["errors"], serde_json::json!([]), "{doc}");
    assert_eq!(code, 0, "{doc}");
    // the same file without the editor's marks is read (and is malformed)
    std::fs::write(t.0.join("scratch.tf"), "this is { not HCL").unwrap();
    let (code, doc) = json(&["lint", &t.path("")]);
    assert_eq!(code, 2, "{doc}");
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1, "{doc}");
}

/// Issue 13 §1.4: a symbolic link in a linted tree that points outside the linted directories
/// is not followed: an input error names it, and its target is never read or printed. Links
/// that stay inside are followed as before.
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_linted_tree_are_not_followed() {
    use super::TempDir;
    use std::os::unix::fs::symlink;
    let t = TempDir::new("symlink-out");
    let outside = TempDir::new("symlink-outside");
    std::fs::write(outside.0.join("secret.tf"), "SECRET-CONTENT { not HCL").unwrap();
    std::fs::create_dir(t.0.join("root")).unwrap();
    let root = t.0.join("root");
    std::fs::copy("rules/cognito-oauth-flag/pass/m2m.tf", root.join("main.tf")).unwrap();
    symlink(outside.0.join("secret.tf"), root.join("passwd.tf")).unwrap();
    symlink(&outside.0, root.join("shared")).unwrap();
    symlink(outside.0.join("secret.tf"), root.join("notes.txt")).unwrap();
    // inside the tree (to a hidden directory, not walked itself): followed
    std::fs::create_dir(root.join(".real")).unwrap();
    std::fs::copy(
        "rules/cognito-oauth-flag/pass/m2m.tf",
        root.join(".real/main.tf"),
    )
    .unwrap();
    symlink(root.join(".real"), root.join("alias")).unwrap();

    let (code, out, err) = run(&["lint", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        !out.contains("SECRET") && !err.contains("SECRET"),
        "{out}{err}"
    );
    let errs = error_messages(&out);
    assert_eq!(errs.len(), 2, "{errs:?}");
    for name in ["passwd.tf", "shared"] {
        assert!(
            errs.iter().any(|e| e.contains(name)
                && e.contains("symbolic link to a path outside the linted directories")),
            "{name}: {errs:?}"
        );
    }
    assert!(
        errs.iter().all(|e| !e.contains("symlink-outside")),
        "no target is printed: {errs:?}"
    );
    assert!(
        out.contains("alias/main.tf"),
        "links inside are followed: {out}"
    );
    // linting both directories: the links point inside the linted roots and are followed
    let (_, out, _) = run(&[
        "lint",
        root.to_str().unwrap(),
        outside.0.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        error_messages(&out)
            .iter()
            .all(|e| !e.contains("outside the linted")),
        "{out}"
    );
}

/// A module repository's own directory is linted even when its only caller (an example)
/// disables it: a mistake in the module is never silent.
#[test]
fn a_module_repository_is_linted_even_when_its_example_calls_it() {
    let (code, doc) = json(&["lint", "testdata/cli/module-repo"]);
    assert_eq!(code, 1, "{doc}");
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "rest-scopes-need-cognito"
                && f["resource"] == "aws_api_gateway_method.get"),
        "{doc}"
    );
}

/// A string doubled forty times is a located input error within the budget, not gigabytes.
#[test]
fn runaway_strings_are_a_located_error() {
    let mut tf = String::from("locals {\n  a0 = \"xxxxxxxxxxxxxxxx\"\n");
    for i in 1..40 {
        tf.push_str(&format!(
            "  a{i} = \"${{local.a{}}}${{local.a{}}}\"\n",
            i - 1,
            i - 1
        ));
    }
    tf.push_str("}\nresource \"aws_ssm_parameter\" \"p\" {\n  name  = \"p\"\n  type  = \"String\"\n  value = local.a39\n}\n");
    let dir = tree("dbl", &[("main.tf", tf)]);
    let (code, doc) = json(&["lint", dir.0.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("longer than authwire's limit"),
        "{doc}"
    );
}

/// Writes `files` (relative path, text) under a fresh temporary directory named for `tag`
/// (removed when dropped).
fn tree(tag: &str, files: &[(&str, String)]) -> super::TempDir {
    let dir = super::TempDir::new(tag);
    for (p, text) in files {
        let f = dir.0.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, text).unwrap();
    }
    dir
}

/// The input errors of a JSON report as (line, message).
fn located_errors(doc: &serde_json::Value) -> Vec<(u64, String)> {
    doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["location"]["line"].as_u64().unwrap_or(0),
                e["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Whether a JSON report has a finding of `rule`.
fn has_finding(doc: &serde_json::Value, rule: &str) -> bool {
    doc["findings"]
        .as_array()
        .is_some_and(|fs| fs.iter().any(|f| f["rule"] == rule))
}

/// A REST method with scopes and no authorizer (rest-scopes-need-cognito's fixture): proof the
/// rest of a root is still linted beside an input error.
const SCOPED_OPEN_METHOD: &str =
    include_str!("../../rules/rest-scopes-need-cognito/fail/options-with-scopes.tf");

/// Runaway expansions (issue 13 §3) end in one located input error from the evaluation
/// budget, and the root's other resources are still linted.
#[test]
fn runaway_expansions_spend_the_budget_with_a_located_error() {
    // a billion-element nested `for`
    let nested = tree(
        "nested-for",
        &[(
            "main.tf",
            format!(
                "locals {{\n  x = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]\n}}\n{SCOPED_OPEN_METHOD}"
            ),
        )],
    );
    // modules fanning out ten times per level, nine levels deep (10^9 instances)
    let mut files = vec![(
        "main.tf",
        format!("module \"a\" {{\n  source = \"./m1\"\n  count  = 10\n}}\n{SCOPED_OPEN_METHOD}"),
    )];
    let names: Vec<String> = (1..=10).map(|i| format!("m{i}/main.tf")).collect();
    for (i, n) in names.iter().enumerate() {
        let call = if i < 9 {
            format!(
                "module \"a\" {{\n  source = \"../m{}\"\n  count  = 10\n}}\n",
                i + 2
            )
        } else {
            String::new()
        };
        files.push((
            n.as_str(),
            format!("{call}resource \"aws_ssm_parameter\" \"p\" {{\n  name  = \"p\"\n  type  = \"String\"\n  value = \"v\"\n}}\n"),
        ));
    }
    let fan = tree("fan-out", &files);
    for (dir, line) in [(&nested, 2), (&fan, 0)] {
        let (code, doc) = json(&["lint", dir.0.to_str().unwrap()]);
        assert_eq!(code, 2, "{doc}");
        let errs = located_errors(&doc);
        let budget: Vec<&(u64, String)> = errs
            .iter()
            .filter(|(_, m)| m.starts_with("Evaluation budget exceeded"))
            .collect();
        assert!(
            (1..=4).contains(&budget.len()),
            "one error per runaway, not one per value: {errs:?}"
        );
        if line > 0 {
            assert_eq!(budget[0].0, line, "{errs:?}");
        }
        assert!(
            has_finding(&doc, "rest-scopes-need-cognito"),
            "the rest of the root is still linted: {doc}"
        );
    }
}

/// A module that calls its own directory (directly or through another) is one located error
/// per call, and the root's resources are still linted; setproduct's size is checked before
/// the product is built.
#[test]
fn recursive_modules_and_huge_products_are_located_errors() {
    let dir = tree(
        "recursive",
        &[
            (
                "main.tf",
                format!("module \"self\" {{\n  source = \"./\"\n}}\nmodule \"a\" {{\n  source = \"./a\"\n}}\n{SCOPED_OPEN_METHOD}"),
            ),
            (
                "a/main.tf",
                "module \"b\" {\n  source = \"../b\"\n  count  = 3\n}\n".to_string(),
            ),
            (
                "b/main.tf",
                "module \"back\" {\n  source = \"../a\"\n}\n".to_string(),
            ),
            (
                "p.tf",
                "locals {\n  r = range(1000)\n  p = setproduct(local.r, local.r, local.r)\n}\noutput \"p\" {\n  value = length(local.p)\n}\n".to_string(),
            ),
        ],
    );
    let (code, doc) = json(&["lint", dir.0.to_str().unwrap()]);
    assert_eq!(code, 2, "{doc}");
    let errs = located_errors(&doc);
    let rec: Vec<&(u64, String)> = errs
        .iter()
        .filter(|(_, m)| m.starts_with("Recursive module call"))
        .collect();
    assert_eq!(rec.len(), 2, "{errs:?}");
    assert!(
        rec.iter()
            .any(|(l, m)| *l == 1 && m.contains("calls the root module"))
    );
    assert!(
        rec.iter()
            .any(|(l, m)| *l == 1 && m.contains("the module in a"))
    );
    assert!(
        errs.iter()
            .any(|(l, m)| *l == 3 && m.contains("setproduct(): the product has more than")),
        "{errs:?}"
    );
    assert!(has_finding(&doc, "rest-scopes-need-cognito"), "{doc}");
}

/// A plan resource of the wrong shape (values not an object, no type) is a located input error
/// about that resource; the plan's other resources are still linted (issue 13 §2).
#[test]
fn plan_resources_of_the_wrong_shape_are_located_and_the_rest_kept() {
    let text = std::fs::read_to_string(super::root().join("testdata/token/plan.json")).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    let all = plan["planned_values"]["root_module"]["resources"]
        .as_array()
        .unwrap()
        .len();
    let rs = plan["planned_values"]["root_module"]["resources"]
        .as_array_mut()
        .unwrap();
    rs[0]["values"] = serde_json::json!([1, 2]);
    rs[1].as_object_mut().unwrap().remove("type");
    let (a0, a1) = (
        rs[0]["address"].as_str().unwrap().to_string(),
        rs[1]["address"].as_str().unwrap().to_string(),
    );
    let dir = tree(
        "plan-shape",
        &[("plan.json", serde_json::to_string_pretty(&plan).unwrap())],
    );
    let pretty = std::fs::read_to_string(dir.0.join("plan.json")).unwrap();
    let line_of = |a: &str| {
        pretty
            .lines()
            .position(|l| l.contains(&format!("\"address\": \"{a}\"")))
            .unwrap() as u64
            + 1
    };
    let (code, doc) = json(&["lint", dir.0.join("plan.json").to_str().unwrap()]);
    assert_eq!(code, 2, "{doc}");
    let errs = located_errors(&doc);
    assert!(
        errs.contains(&(
            line_of(&a0),
            format!("unexpected plan shape: the values of {a0} are not an object: left out")
        )),
        "{errs:?}"
    );
    assert!(
        errs.contains(&(
            line_of(&a1),
            format!("unexpected plan shape: {a1} has no type: left out")
        )),
        "{errs:?}"
    );
    assert_eq!(doc["summary"]["resources"], (all - 2) as u64, "{doc}");
}

/// A value read by file() is shown as the call in findings, never as the file's text
/// (issue 13 §4): the scope typo of rest-scope-defined read from a file.
#[test]
fn file_contents_are_shown_as_the_call_in_findings() {
    let tf = std::fs::read_to_string(super::root().join("rules/rest-scope-defined/fail/typo.tf"))
        .unwrap()
        .replace("\"bookstore/wirte\"]", "trimspace(file(\"scope.txt\"))]");
    let dir = tree(
        "file-redact",
        &[
            ("main.tf", tf),
            ("scope.txt", "bookstore/wirte\n".to_string()),
        ],
    );
    let (_, doc) = json(&["lint", dir.0.to_str().unwrap()]);
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rest-scope-defined")
        .unwrap_or_else(|| panic!("{doc}"));
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("<file(\"scope.txt\")>"), "{msg}");
    assert!(!msg.contains("wirte"), "{msg}");
}
