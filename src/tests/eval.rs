//! Evaluation: variable precedence, modules and providers, for_each and dynamic blocks,
//! templates with unknown parts, functions.

use crate::lint::finish_model;
use crate::load::{CliVar, load};
use crate::model::Model;
use crate::value::{OriginKind, Part, V};
use std::path::PathBuf;

fn model(dir: &str, cli: &[CliVar], env: &[(&str, &str)]) -> Model {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let loaded = load(&[PathBuf::from(dir)], cli, &env);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.roots.len(), 1);
    finish_model(crate::eval::eval_root(&loaded, &loaded.roots[0]).resources)
}

#[test]
fn variable_precedence_follows_terraform() {
    let m = model(
        "testdata/eval/precedence",
        &[],
        &[("a", "env"), ("e", "env")],
    );
    let p = m.resource("aws_ssm_parameter.p").unwrap();
    // a: env < terraform.tfvars; b: tfvars < tfvars.json; c: < a.auto; d: a.auto < b.auto; e: env
    assert_eq!(p.str("value"), Some("tfvars,tfvars.json,auto-a,auto-b,env"));
    let ty = p.get("type").unwrap();
    assert!(
        matches!(&ty.v, V::Unknown(o) if o[0].kind == OriginKind::Variable && o[0].attr == "var.no_value")
    );

    let cli = [
        CliVar::Pair("a".into(), "cli-1".into()),
        CliVar::File("testdata/eval/precedence/extra.tfvars".into()),
        CliVar::Pair("d".into(), "cli-2".into()),
    ];
    let m = model("testdata/eval/precedence", &cli, &[]);
    assert_eq!(
        m.resource("aws_ssm_parameter.p").unwrap().str("value"),
        Some("cli-1,tfvars.json,auto-a,cli-2,var-file")
    );
}

#[test]
fn modules_for_each_dynamic_outputs_and_provider_regions() {
    let m = model("testdata/eval/modules", &[], &[]);
    let addrs: Vec<&str> = m.resources.iter().map(|r| r.address.as_str()).collect();
    assert!(
        addrs.contains(&"module.auth[\"blue\"].aws_cognito_user_pool.this"),
        "{addrs:?}"
    );
    assert!(
        addrs.contains(&"module.auth[\"green\"].module.server.aws_cognito_resource_server.this"),
        "{addrs:?}"
    );
    let pool = m
        .resource("module.auth[\"green\"].aws_cognito_user_pool.this")
        .unwrap();
    assert_eq!(pool.str("name"), Some("pool-g"));
    // providers = { aws = aws.virginia } reaches the nested module too
    assert_eq!(pool.region.as_str(), Some("us-east-1"));
    let server = m
        .resource("module.auth[\"green\"].module.server.aws_cognito_resource_server.this")
        .unwrap();
    assert_eq!(server.region.as_str(), Some("us-east-1"));
    assert_eq!(server.blocks("scope").len(), 2);
    // user_pool_id links the server to its pool through the module input
    assert_eq!(
        m.links(server.get("user_pool_id").unwrap(), "aws_cognito_user_pool")[0].address,
        pool.address
    );
    // a module output that is a computed attribute, read by the root
    assert_eq!(
        m.resource("aws_ssm_parameter.arns").unwrap().str("value"),
        Some("api/read")
    );
    assert_eq!(
        m.resource("aws_acm_certificate.regional")
            .unwrap()
            .region
            .as_str(),
        Some("eu-west-1")
    );
    let east = m.resource("aws_acm_certificate.east").unwrap();
    assert_eq!(east.region.as_str(), Some("us-east-1"));
    let dvo = east
        .get("domain_validation_options")
        .unwrap()
        .items()
        .unwrap();
    let names: Vec<&str> = dvo
        .iter()
        .filter_map(|d| d.get("domain_name")?.as_str())
        .collect();
    assert_eq!(names, ["example.com", "a.example.com", "b.example.com"]);
}

#[test]
fn expressions_templates_and_functions() {
    let m = model("testdata/eval/expressions", &[], &[]);
    let t = m.resource("aws_ssm_parameter.t[1]").unwrap();
    assert_eq!(t.str("name"), Some("p1"));
    assert_eq!(t.str("type"), Some("SecureString"));
    // a template with an unknown part keeps its literal text and the origin of the unknown part
    match &t.get("value").unwrap().v {
        V::Template(parts) => {
            assert_eq!(parts[0], Part::Lit("https://cognito-idp.".into()));
            assert!(parts.iter().any(|p| matches!(p, Part::Unknown(o) if o[0].res.as_deref() == Some("aws_cognito_user_pool.pool") && o[0].attr == "id")));
            assert!(
                parts
                    .iter()
                    .any(|p| matches!(p, Part::Lit(s) if s.ends_with("/x")))
            );
        }
        other => panic!("expected a template, got {other:?}"),
    }
    let tag = |k: &str| t.get(&format!("tags.{k}")).unwrap().clone();
    assert_eq!(tag("keys").as_str(), Some("a,c"));
    assert_eq!(tag("splat").as_str(), Some("[1,2]"));
    assert_eq!(tag("format").as_str(), Some("prod-007"));
    assert_eq!(tag("tried").as_str(), Some("fallback"));
    assert_eq!(tag("heredoc").as_str(), Some("hello prod\n"));
    assert!(matches!(&tag("fn").v, V::Unknown(o) if o[0].kind == OriginKind::Volatile));
    // the pool's region is unknown (no provider block): the endpoint says so
    let pool = m.resource("aws_cognito_user_pool.pool").unwrap();
    assert!(pool.region.is_unknown());
}

#[test]
fn json_syntax_and_malformed_input_keep_locations() {
    let dir = std::env::temp_dir().join(format!("authwire-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf.json"),
        r#"{"resource": {"aws_cognito_user_pool": {"p": {"name": "pool-${var.x}"}}}, "variable": {"x": {"default": "one"}}}"#,
    )
    .unwrap();
    std::fs::write(dir.join("bad.tf.json"), "{\n  \"resource\": {,\n}\n").unwrap();
    let loaded = load(std::slice::from_ref(&dir), &[], &[]);
    assert_eq!(loaded.errors.len(), 1);
    let loc = loaded.errors[0].location(&loaded.files).unwrap();
    assert!(loc.file.ends_with("bad.tf.json"));
    assert_eq!((loc.line, loc.column), (2, 16));
    let m = finish_model(crate::eval::eval_root(&loaded, &loaded.roots[0]).resources);
    assert_eq!(
        m.resource("aws_cognito_user_pool.p").unwrap().str("name"),
        Some("pool-one")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The shapes real modules use, which the evaluator used to get wrong (issue 8's list).
#[test]
fn real_world_shapes_evaluate_as_terraform_does() {
    let m = model("testdata/eval/realworld", &[], &[]);
    // optional() defaults and a dynamic block guarded by `!= null`
    let cog = m
        .resource("aws_apigatewayv2_authorizer.this[\"cognito\"]")
        .unwrap();
    assert_eq!(cog.str("authorizer_type"), Some("JWT"));
    assert_eq!(
        cog.str("jwt_configuration.0.issuer"),
        Some("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")
    );
    let lam = m
        .resource("aws_apigatewayv2_authorizer.this[\"lambda\"]")
        .unwrap();
    assert_eq!(lam.str("authorizer_type"), Some("REQUEST"));
    assert_eq!(lam.blocks("jwt_configuration").len(), 0);
    assert!(!lam.get("jwt_configuration").unwrap().is_unknown());
    // a root resource reads a module output and is passed back into the module: no cycle
    let route = m
        .resource("module.api.aws_apigatewayv2_route.this[\"GET /\"]")
        .unwrap();
    let auth = route.get("authorizer_id").unwrap();
    assert!(
        auth.origins()
            .iter()
            .any(|o| o.res.as_deref() == Some("aws_apigatewayv2_authorizer.ext")),
        "{auth:?}"
    );
    // `unknown id != null` is unknown in Terraform too (no refinement on a computed id)
    assert!(route.get("authorization_type").unwrap().is_unknown());
    // module-level depends_on orders everything inside the module
    let api = m.resource("module.api.aws_apigatewayv2_api.this").unwrap();
    assert!(
        api.depends_on.contains("module.cert"),
        "{:?}",
        api.depends_on
    );
    assert!(api.depends_on.contains("aws_route53_record.apex"));
    assert!(m.orders_after(api, "module.cert.aws_acm_certificate.this"));
    // depends_on = [var.after] inside a module follows the caller's argument
    let cert = m.resource("module.cert.aws_acm_certificate.this").unwrap();
    assert!(
        cert.depends_on.contains("aws_ssm_parameter.replica"),
        "{:?}",
        cert.depends_on
    );
    // tfvars give count = "2" for a number variable: Terraform converts it
    assert!(m.resource("aws_ssm_parameter.replica[1]").is_some());
    assert!(m.resource("aws_ssm_parameter.replica[2]").is_none());
    // for_each keys made by a regular-expression replace
    assert!(
        m.resource("aws_ssm_parameter.client[\"my-app-1\"]")
            .is_some()
    );
    assert!(
        m.resource("aws_ssm_parameter.client[\"billing-svc\"]")
            .is_some()
    );
}

/// Override files merge as Terraform merges them; a `.tofu` file replaces the `.tf` of its name.
#[test]
fn override_files_and_tofu_files() {
    let m = model("testdata/eval/override", &[], &[]);
    let get = m.resource("aws_api_gateway_method.get").unwrap();
    assert_eq!(get.str("authorization"), Some("COGNITO_USER_POOLS"));
    assert_eq!(get.str("http_method"), Some("GET"));
    // lifecycle merges argument by argument
    assert_eq!(
        get.get("lifecycle.0.create_before_destroy")
            .and_then(|v| v.as_bool()),
        Some(true)
    );
    assert!(get.get("lifecycle.0.ignore_changes").is_some());
    // other nested blocks are replaced whole
    let r = m.resource("aws_route53_record.r").unwrap();
    assert_eq!(r.blocks("alias").len(), 1);
    assert_eq!(r.str("alias.0.name"), Some("new.example.com"));
    // locals override value by value; stage.tofu replaced stage.tf
    let p = m.resource("aws_ssm_parameter.stage").unwrap();
    assert_eq!(p.str("value"), Some("prod"));
}

/// Registry modules (and the local modules inside them) are read from the directories
/// `.terraform/modules/modules.json` names, keyed by module path.
#[test]
fn registry_modules_from_the_terraform_init_manifest() {
    let m = model("testdata/eval/registry", &[], &[]);
    let addrs: Vec<&str> = m.resources.iter().map(|r| r.address.as_str()).collect();
    for a in [
        "module.api.aws_apigatewayv2_api.this",
        "module.api.aws_apigatewayv2_authorizer.jwt",
        "module.api.module.acm.aws_acm_certificate.this",
        "module.api.module.route.aws_apigatewayv2_route.get",
    ] {
        assert!(addrs.contains(&a), "{a} missing from {addrs:?}");
    }
    // the issuer came from the root: the authorizer joins the root's pool
    let jwt = m
        .resource("module.api.aws_apigatewayv2_authorizer.jwt")
        .unwrap();
    let iss = jwt.get("jwt_configuration.0.issuer").unwrap();
    assert!(!m.links(iss, "aws_cognito_user_pool").is_empty(), "{iss:?}");
    let run = super::lint(&["testdata/eval/registry"]);
    assert!(run.errors.is_empty(), "{}", super::describe(&run, None));
    assert!(
        !run.findings
            .iter()
            .any(|f| f.rule == "tf-module-not-downloaded"),
        "{}",
        super::describe(&run, None)
    );
}

/// What the audit of public modules taught: resource objects through conditionals and functions,
/// lifecycle paths, line breaks in `{ for }`, null-default root variables.
#[test]
fn resource_objects_keep_their_computed_attributes() {
    let m = model("testdata/eval/resource-objects", &[], &[]);
    let v = m.resource("aws_ssm_parameter.v").unwrap();
    for (tag, attr) in [
        ("cond", "id"),
        ("merged", "arn"),
        ("lookup", "arn"),
        ("tried", "arn"),
        ("module", "arn"),
    ] {
        let t = v.get(&format!("tags.{tag}")).unwrap();
        assert!(
            t.origins()
                .iter()
                .any(|o| o.res.as_deref() == Some("aws_cognito_user_pool.p[0]") && o.attr == attr),
            "{tag}: {t:?}"
        );
    }
    assert_eq!(v.str("tags.names"), Some("other"));
    // a root variable whose default is null: a placeholder in lint (terraform console, and
    // authwire eval, give "x-v" for "${coalesce(var.prefix, "x")}-v")
    assert!(v.get("name").is_some_and(|n| n.is_unknown()));
    let p = m.resource("aws_cognito_user_pool.p[0]").unwrap();
    assert!(p.get("lifecycle.0.ignore_changes").is_some());
    // a conditional whose condition is unknown keeps the references of both branches
    let d = m.resource("aws_api_gateway_domain_name.d").unwrap();
    let certs = m.links(
        d.get("regional_certificate_arn").unwrap(),
        "aws_acm_certificate",
    );
    assert_eq!(certs.len(), 2, "{certs:?}");
    let run = super::lint(&["testdata/eval/resource-objects"]);
    assert!(run.errors.is_empty(), "{}", super::describe(&run, None));
}

/// path.module is relative to the root (Terraform's working directory) and file functions read
/// relative paths from the root, whatever authwire's own current directory (the tests run in the
/// crate root, two levels above the fixture's root) and however the root is named.
#[test]
fn path_module_and_files_are_relative_to_the_root() {
    let abs = super::root().join("testdata/eval/path-module/root");
    for dir in [
        "testdata/eval/path-module/root".to_string(),
        abs.to_string_lossy().into_owned(),
    ] {
        let m = model(&dir, &[], &[]);
        let p = m.resource("module.api.aws_ssm_parameter.spec").unwrap();
        assert_eq!(p.str("value"), Some("{\"x-region\":\"eu-west-2\"}\n"));
        assert_eq!(p.str("tags.module"), Some("../mod"));
        assert_eq!(p.str("tags.sub"), Some("../mod/sub"));
        let root = std::fs::canonicalize(&abs).unwrap();
        let mod_dir = root.parent().unwrap().join("mod");
        assert_eq!(p.str("tags.abs"), Some(mod_dir.to_string_lossy().as_ref()));
        assert_eq!(p.str("tags.cwd"), Some(root.to_string_lossy().as_ref()));
        assert_eq!(p.get("tags.exists").and_then(|v| v.as_bool()), Some(true));
    }
}

/// A resource's value holds only what the configuration sets; any attribute it does not hold, at
/// any depth, is the provider's: unknown, with the resource and the attribute path as origin.
#[test]
fn unset_attributes_of_resource_values_are_the_providers() {
    let m = model("testdata/eval/provider-attrs", &[], &[]);
    let role = m.resource("neon_role.this").unwrap();
    let origin = |path: &str| {
        let v = role.get(path).unwrap();
        assert!(v.is_unknown(), "{path}: {v:?}");
        let o = v.origins();
        assert_eq!(o.len(), 1, "{path}: {o:?}");
        (
            o[0].res.clone().unwrap_or_default(),
            o[0].attr.clone(),
            o[0].kind,
        )
    };
    let project = "neon_project.this".to_string();
    let computed = OriginKind::Computed;
    assert_eq!(
        origin("branch_id"),
        (project.clone(), "branch.id".into(), computed)
    );
    assert_eq!(
        origin("tags.indexed"),
        (project.clone(), "branch.id".into(), computed)
    );
    assert_eq!(
        origin("tags.endpoint"),
        (project.clone(), "endpoints.0.host".into(), computed)
    );
    assert_eq!(
        origin("tags.setting"),
        (project.clone(), "settings.0.id".into(), computed)
    );
    assert_eq!(
        origin("tags.data"),
        (
            "data.neon_branch.b".into(),
            "filter.id".into(),
            OriginKind::Data
        )
    );
    assert_eq!(
        origin("tags.typed"),
        (project, "branch.id".into(), computed)
    );
    assert_eq!(role.str("tags.name"), Some("main"));
    let run = super::lint(&["testdata/eval/provider-attrs"]);
    assert!(run.errors.is_empty(), "{}", super::describe(&run, None));
    // what is not declared stays an error
    let dir = std::path::Path::new("testdata/eval/provider-attrs");
    for expr in ["neon_projec.this.branch.id", "var.branch", "local.x.id"] {
        let (v, diags, _) = crate::evalcmd::run(dir, expr, None, &[]).unwrap();
        assert!(!diags.is_empty(), "{expr}: {v:?}");
    }
    // a map value of a resource keeps its keys: a missing key is still an error
    let (v, diags, _) =
        crate::evalcmd::run(dir, "tomap(neon_project.this.branch)[\"id\"]", None, &[]).unwrap();
    assert!(!diags.is_empty(), "{v:?}");
}

/// terraform.workspace as Terraform chooses it: TF_WORKSPACE (not empty), else the root's
/// `.terraform/environment`, else "default".
#[test]
fn terraform_workspace_from_env_then_environment_file() {
    let dir = "testdata/eval/workspace";
    let eval = |tf_workspace: Option<&str>| {
        let mut loaded = load(&[PathBuf::from(dir)], &[], &[]);
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        loaded.tf_workspace = tf_workspace.map(str::to_string);
        let ev = crate::eval::eval_root(&loaded, &loaded.roots[0]);
        let msgs: Vec<String> = ev.diags.iter().map(|d| d.message.clone()).collect();
        let m = finish_model(ev.resources);
        let p = m.resource("aws_ssm_parameter.w").unwrap();
        (
            p.str("name").map(str::to_string),
            p.str("value").map(str::to_string),
            msgs,
        )
    };
    let (name, value, _) = eval(None);
    assert_eq!(name.as_deref(), Some("p-play"));
    assert_eq!(value.as_deref(), Some("10.0.0.0/24"));
    assert_eq!(eval(Some("")).0.as_deref(), Some("p-play"));
    let (name, value, _) = eval(Some("prod"));
    assert_eq!(name.as_deref(), Some("p-prod"));
    assert_eq!(value.as_deref(), Some("10.1.0.0/24"));
    // a workspace the configuration does not expect is Terraform's error
    let (_, value, msgs) = eval(Some("staging"));
    assert_eq!(value, None);
    assert!(
        msgs.iter().any(|m| m.starts_with("Invalid index")),
        "{msgs:?}"
    );
    let (_, _, msgs) = eval(Some("a b"));
    assert!(
        msgs.iter().any(|m| m.starts_with("Invalid workspace name")),
        "{msgs:?}"
    );
    let elsewhere = super::root().join("testdata/eval/precedence");
    assert_eq!(
        crate::load::workspace(&elsewhere, None).as_deref(),
        Ok("default")
    );
}

/// `default = null` is the value null of the variable's type when no value is given (`authwire
/// eval`, as terraform console); in lint it is a placeholder the pipeline fills (unknown, a note
/// saying to pass the value), like an empty-string default. No default and no value is unknown.
#[test]
fn null_default_root_variables_are_null() {
    let dir = PathBuf::from("testdata/eval/null-default");
    let loaded = load(std::slice::from_ref(&dir), &[], &[]);
    let at = |src: &str| {
        let Ok(e) = crate::load::hcl::parse_expr(0, src) else {
            panic!("{src}: not an expression")
        };
        crate::eval::eval_in(&loaded, &loaded.roots[0], None, &e)
            .unwrap()
            .0
    };
    assert_eq!(at("local.auto_deploy").as_bool(), Some(true));
    assert!(at("var.settings").is_null());
    let m = model("testdata/eval/null-default", &[], &[]);
    let stage = m.resource("aws_apigatewayv2_stage.live").unwrap();
    let auto = stage.get("auto_deploy").unwrap();
    assert!(
        matches!(&auto.v, V::Unknown(o) if o[0].kind == OriginKind::Placeholder),
        "{auto:?}"
    );
    let cert = stage.get("tags.cert").unwrap();
    assert!(
        matches!(&cert.v, V::Unknown(o) if o[0].kind == OriginKind::Variable && o[0].attr == "var.certificate_arn"),
        "{cert:?}"
    );
    let cli = [CliVar::Pair("enable_auto_deploy".into(), "false".into())];
    let m = model("testdata/eval/null-default", &cli, &[]);
    let stage = m.resource("aws_apigatewayv2_stage.live").unwrap();
    assert_eq!(
        stage.get("auto_deploy").and_then(|v| v.as_bool()),
        Some(false)
    );
    let run = super::lint(&["testdata/eval/null-default"]);
    assert!(run.errors.is_empty(), "{}", super::describe(&run, None));
}

/// Hashes of a file that does not exist yet (a build artifact) are unknown, with an origin that
/// says so; file(), filebase64() and templatefile() of a missing file stay located errors.
#[test]
fn hashes_of_missing_build_artifacts_are_unknown() {
    let m = model("testdata/eval/artifacts", &[], &[]);
    let f = m.resource("aws_lambda_function.f").unwrap();
    for (path, func) in [
        ("source_code_hash", "filebase64sha256"),
        ("tags.sha256", "filesha256"),
        ("tags.md5", "filemd5"),
        ("tags.sha1", "filesha1"),
        ("tags.sha512", "filesha512"),
        ("tags.b64sha512", "filebase64sha512"),
    ] {
        let v = f.get(path).unwrap();
        let want = format!("{func}(\"build/lambda.zip\")");
        assert!(
            matches!(&v.v, V::Unknown(o) if o[0].kind == OriginKind::Artifact && o[0].attr == want),
            "{path}: {v:?}"
        );
        assert_eq!(v.ty, Some(crate::value::Ty::Str), "{path}");
    }
    // terraform console: filebase64sha256("handler.txt") of "hello\n"
    assert_eq!(
        f.str("tags.present"),
        Some("WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=")
    );
    let run = super::lint(&["testdata/eval/artifacts"]);
    assert!(run.errors.is_empty(), "{}", super::describe(&run, None));
    let dir = std::path::Path::new("testdata/eval/artifacts");
    for expr in [
        "file(\"build/lambda.zip\")",
        "filebase64(\"build/lambda.zip\")",
        "templatefile(\"build/x.tpl\", {})",
    ] {
        let (v, diags, files) = crate::evalcmd::run(dir, expr, None, &[]).unwrap();
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("no file exists") && d.location(&files).is_some()),
            "{expr}: {v:?} {diags:?}"
        );
    }
}

/// list() and map(): deprecated in Terraform 0.12, removed in 0.15 (Terraform 1.11: 'the "list"
/// function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ])
/// syntax to write a literal list.').
#[test]
fn list_and_map_functions_were_removed_in_0_15() {
    for (expr, want) in [
        (
            "list(\"a\")",
            "Call to function \"list\" failed: the \"list\" function was deprecated in Terraform v0.12 and removed in v0.15; use tolist([ ... ]) syntax to write a literal list.",
        ),
        (
            "map(\"a\", 1)",
            "Call to function \"map\" failed: the \"map\" function was deprecated in Terraform v0.12 and removed in v0.15; use tomap({ ... }) syntax to write a literal map.",
        ),
    ] {
        let (v, diags) = crate::evalcmd::eval_snippet(&[], expr).unwrap();
        let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs, [want], "{expr}: {v:?}");
    }
}

/// Issue 13 §4: file() and its kin read only inside the linted directories, their modules and
/// their repository; outside is a located error that never shows the file.
#[test]
fn file_functions_read_only_inside_the_linted_directories() {
    use super::TempDir;
    let outside = TempDir::new("read-scope-outside");
    std::fs::write(outside.0.join("secret.txt"), "TOP-SECRET-VALUE\n").unwrap();
    let t = TempDir::new("read-scope");
    std::fs::create_dir_all(t.0.join("sub")).unwrap();
    std::fs::write(t.0.join("sub/ok.txt"), "fine\n").unwrap();
    let secret = outside.0.join("secret.txt");
    let s = secret.to_string_lossy();
    std::os::unix::fs::symlink(&secret, t.0.join("link.txt")).unwrap();
    let tf = format!(
        "resource \"aws_ssm_parameter\" \"p\" {{\n  name  = \"p\"\n  type  = \"String\"\n  value = file(\"{s}\")\n}}\nlocals {{\n  ok     = file(\"${{path.module}}/sub/ok.txt\")\n  link   = file(\"link.txt\")\n  exists = fileexists(\"/etc/passwd\")\n  set    = fileset(\"/etc\", \"*\")\n  hash   = filesha256(\"{s}\")\n  tmpl   = templatefile(\"{s}\", {{}})\n}}\n"
    );
    std::fs::write(t.0.join("main.tf"), tf).unwrap();
    let run = crate::lint::run(std::slice::from_ref(&t.0), &[], &crate::rules::all());
    let msgs: Vec<String> = run.errors.iter().map(|d| d.message.clone()).collect();
    let outside_errors: Vec<&crate::diag::Diag> = run
        .errors
        .iter()
        .filter(|d| d.message.contains("outside the linted directories"))
        .collect();
    assert_eq!(outside_errors.len(), 6, "{msgs:?}");
    assert!(
        outside_errors
            .iter()
            .all(|d| d.location(&run.files).is_some())
    );
    assert!(msgs.iter().all(|m| !m.contains("TOP-SECRET")), "{msgs:?}");
    assert!(
        run.files
            .files
            .iter()
            .all(|f| !f.text.contains("TOP-SECRET")),
        "never read into the run's files"
    );
    assert!(
        !msgs.iter().any(|m| m.contains("ok.txt")),
        "inside is read: {msgs:?}"
    );
}

/// Issue 13 §1: file(), templatefile() and the file* functions refuse a FIFO or a device
/// without opening it: a located error, never a blocked run.
#[cfg(unix)]
#[test]
fn file_functions_refuse_special_files() {
    use super::{TempDir, mkfifo, within};
    let t = TempDir::new("special-funcs");
    std::fs::write(t.0.join("main.tf"), "locals {}\n").unwrap();
    mkfifo(&t.0.join("pipe"));
    for expr in [
        "file(\"pipe\")",
        "templatefile(\"pipe\", {})",
        "filebase64(\"pipe\")",
        "filesha256(\"pipe\")",
    ] {
        let dir = t.0.clone();
        let ((v, diags, files), took) =
            within(move || crate::evalcmd::run(&dir, expr, None, &[]).unwrap());
        assert!(took.as_secs() < 5, "{expr}: {took:?}");
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("not a regular file; not read")
                    && d.location(&files).is_some()),
            "{expr}: {v:?} {diags:?}"
        );
    }
}
