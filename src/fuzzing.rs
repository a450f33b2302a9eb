//! Fuzzing harnesses (issue 13 §6): each takes arbitrary bytes, lays them out as the files of
//! one run in a scratch directory and runs the command line on them exactly as a user would,
//! through every report format. They must never panic, hang or allocate without bound; any
//! exit code (0, 1, 2) is fine. The AFL++ targets in `fuzz/` call these, and a test runs them
//! over the seed corpora and a few thousand mutations of it (`src/tests/fuzz_smoke.rs`).

use std::path::{Path, PathBuf};

/// Every report format, by its `--format` name.
pub const FORMATS: [&str; 8] = [
    "text",
    "json",
    "sarif",
    "junit",
    "checkstyle",
    "github",
    "compact",
    "gitlab",
];

/// The fuzz targets, by name: the HCL loader + evaluator + rules + reports, the plan loader,
/// the config/tfvars/baseline loaders, the token verifier.
pub const TARGETS: [&str; 4] = ["hcl", "plan", "config", "token"];

/// Runs target `name` on `data`; `false` for an unknown target name.
pub fn run_target(name: &str, data: &[u8]) -> bool {
    match name {
        "hcl" => hcl(data),
        "plan" => plan(data),
        "config" => config(data),
        "token" => token(data),
        _ => return false,
    }
    true
}

/// A scratch directory of this process for `target`, emptied.
fn scratch(target: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "authwire-fuzz-{}-{target}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Splits `data` into at most `n` parts at NUL bytes (the last part keeps any further NULs).
fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    data.splitn(n, |b| *b == 0).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = std::fs::write(&p, bytes);
    p
}

/// The command line run with no standard input and its output discarded; returns the exit code.
fn cli(args: &[&str]) -> u8 {
    let mut argv = vec!["authwire".to_string()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = crate::cli::run_with_stdin(&argv, &mut std::io::empty(), &mut out, &mut err, false);
    assert!(code <= 2, "exit code {code} out of the contract");
    code
}

fn lint_all_formats(path: &Path, extra: &[&str]) {
    let p = path.to_string_lossy().to_string();
    for f in FORMATS {
        let mut args = vec!["lint", p.as_str(), "--format", f];
        args.extend_from_slice(extra);
        cli(&args);
    }
}

/// HCL: parts are `main.tf`, `modules/m/main.tf` (called as `./modules/m` by anything that
/// says so), `api.json` (for `file()`/`templatefile()` bodies), and `extra.tf.json`.
pub fn hcl(data: &[u8]) {
    let dir = scratch("hcl");
    let names = ["main.tf", "modules/m/main.tf", "api.json", "extra.tf.json"];
    for (name, bytes) in names.iter().zip(parts(data, names.len())) {
        write(&dir, name, bytes);
    }
    lint_all_formats(&dir, &[]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Plan JSON (`terraform show -json`), linted alone and beside a configuration part: parts are
/// `plan.json` and `main.tf`.
pub fn plan(data: &[u8]) {
    let dir = scratch("plan");
    let ps = parts(data, 2);
    let plan = write(&dir, "plan.json", ps[0]);
    lint_all_formats(&plan, &[]);
    if let Some(tf) = ps.get(1) {
        let src = dir.join("src");
        write(&src, "main.tf", tf);
        let s = src.to_string_lossy().to_string();
        lint_all_formats(&plan, &["--source", s.as_str()]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The settings loaders: parts are `.authwire.toml`, a `.tfvars` file, a `.tfvars.json` file,
/// a baseline, and `main.tf` (a small stack when empty) that the settings apply to.
pub fn config(data: &[u8]) {
    let dir = scratch("config");
    let ps = parts(data, 5);
    let cfg = write(&dir, ".authwire.toml", ps[0]);
    let vars = write(&dir, "x.tfvars", ps.get(1).copied().unwrap_or_default());
    let jvars = write(
        &dir,
        "y.tfvars.json",
        ps.get(2).copied().unwrap_or_default(),
    );
    let base = write(
        &dir,
        "baseline.json",
        ps.get(3).copied().unwrap_or_default(),
    );
    let tf: &[u8] = match ps.get(4) {
        Some(t) if !t.is_empty() => t,
        _ => SMALL_STACK.as_bytes(),
    };
    let root = dir.join("root");
    write(&root, "main.tf", tf);
    let r = root.to_string_lossy().to_string();
    let (c, v, j, b) = (
        cfg.to_string_lossy().to_string(),
        vars.to_string_lossy().to_string(),
        jvars.to_string_lossy().to_string(),
        base.to_string_lossy().to_string(),
    );
    let tail = [
        "--config",
        c.as_str(),
        "--var-file",
        v.as_str(),
        "--var-file",
        j.as_str(),
    ];
    lint_all_formats(&root, &tail);
    let mut with_base = tail.to_vec();
    with_base.extend(["--baseline", b.as_str()]);
    cli(&[&["lint", r.as_str()], with_base.as_slice()].concat());
    // the variable assignments as --var
    if let Ok(text) = std::str::from_utf8(ps.get(1).copied().unwrap_or_default()) {
        for line in text.lines().take(8) {
            cli(&["lint", r.as_str(), "--var", line]);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The token verifier: parts are the token, the JWKS, `--now`, and `main.tf` (the small stack
/// when empty) whose routes the token is checked against.
pub fn token(data: &[u8]) {
    let dir = scratch("token");
    let ps = parts(data, 4);
    let tok = write(&dir, "token.txt", ps[0]);
    let jwks = write(&dir, "jwks.json", ps.get(1).copied().unwrap_or_default());
    let now = String::from_utf8_lossy(ps.get(2).copied().unwrap_or_default()).to_string();
    let tf: &[u8] = match ps.get(3) {
        Some(t) if !t.is_empty() => t,
        _ => SMALL_STACK.as_bytes(),
    };
    let root = dir.join("root");
    write(&root, "main.tf", tf);
    let (r, t, j) = (
        root.to_string_lossy().to_string(),
        tok.to_string_lossy().to_string(),
        jwks.to_string_lossy().to_string(),
    );
    for format in ["text", "json"] {
        let mut args = vec![
            "token",
            r.as_str(),
            "--token-file",
            t.as_str(),
            "--jwks",
            j.as_str(),
            "--format",
            format,
        ];
        if !now.is_empty() {
            args.extend(["--now", now.as_str()]);
        }
        cli(&args);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A REST API protected by a Cognito pool with a client_credentials client (the rule fixtures'
/// base stack): what the settings and token targets apply to when their input gives none.
pub const SMALL_STACK: &str = include_str!("../rules/_base/rest-cognito/main.tf");

/// Seed inputs of every target, from the repository's own test data (`root` is the repository):
/// `(target, name, bytes)`, in a stable order. Configurations are every `.tf`/`.tf.json` file
/// of `testdata/` and `rules/` (an OpenAPI document beside one goes in its `api.json` part);
/// plans are the plan files there; settings are the `.authwire.toml` and `.tfvars` files;
/// tokens are one token signed with the test key of `testdata/token` and its JWKS.
pub fn seeds(root: &Path) -> Vec<(&'static str, String, Vec<u8>)> {
    let mut files: Vec<PathBuf> = ["testdata", "rules"]
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(root.join(d)).sort_by_file_name())
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let name = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace(['/', '\\'], "_")
    };
    let read = |p: &Path| std::fs::read(p).unwrap_or_default();
    let mut out: Vec<(&'static str, String, Vec<u8>)> = Vec::new();
    let mut tfvars: Vec<Vec<u8>> = Vec::new();
    for p in &files {
        let n = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let bytes = read(p);
        if n.ends_with(".tf") {
            // an OpenAPI document in the same directory is the `api.json` part
            let doc = p
                .parent()
                .and_then(|d| std::fs::read_dir(d).ok())
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|q| {
                    let s = q.to_string_lossy();
                    (s.ends_with(".json") || s.ends_with(".yaml") || s.ends_with(".yml"))
                        && !s.ends_with(".tf.json")
                        && !s.ends_with("plan.json")
                })
                .min();
            let mut seed = bytes;
            if let Some(d) = doc {
                seed.extend_from_slice(b"\0\0");
                seed.extend(read(&d));
            }
            out.push(("hcl", name(p), seed));
        } else if n.ends_with(".tf.json") {
            let mut seed = b"\0\0\0".to_vec();
            seed.extend(bytes);
            out.push(("hcl", name(p), seed));
        } else if n.ends_with(".json")
            && (n.contains("plan") || p.parent().is_some_and(|d| d.ends_with("plan")))
        {
            out.push(("plan", name(p), bytes));
        } else if n == ".authwire.toml" {
            out.push(("config", name(p), bytes));
        } else if n.ends_with(".tfvars") || n.ends_with(".tfvars.json") {
            tfvars.push(bytes);
        }
    }
    for (i, v) in tfvars.iter().enumerate() {
        let mut seed = b"[lint]\n\0".to_vec();
        seed.extend_from_slice(v);
        out.push(("config", format!("tfvars-{i}"), seed));
    }
    if let Some(tok) = signed_token(root) {
        let jwks = read(&root.join("testdata/token/jwks.json"));
        let mut config: Vec<u8> = Vec::new();
        let mut tfs: Vec<PathBuf> = std::fs::read_dir(root.join("testdata/token/config"))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "tf"))
            .collect();
        tfs.sort();
        for p in tfs {
            config.extend(read(&p));
        }
        for (i, now) in ["", "2030-01-01T00:00:00Z", "1700000000"]
            .iter()
            .enumerate()
        {
            let mut seed = tok.clone().into_bytes();
            seed.push(0);
            seed.extend_from_slice(&jwks);
            seed.push(0);
            seed.extend_from_slice(now.as_bytes());
            seed.push(0);
            seed.extend_from_slice(&config);
            out.push(("token", format!("signed-{i}"), seed));
        }
    }
    out
}

/// An access token signed with `testdata/token/pool-key.pem` (the key of `jwks.json`).
fn signed_token(root: &Path) -> Option<String> {
    let pem = std::fs::read(root.join("testdata/token/pool-key.pem")).ok()?;
    let jwks: jsonwebtoken::jwk::JwkSet =
        serde_json::from_slice(&std::fs::read(root.join("testdata/token/jwks.json")).ok()?).ok()?;
    let kid = jwks.keys.first()?.common.key_id.clone()?;
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(&pem).ok()?;
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some(kid);
    let claims = serde_json::json!({
        "sub": "client", "token_use": "access", "client_id": "client",
        "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example",
        "scope": "https://api.example.com/read", "exp": 4102444800u64, "iat": 1700000000u64,
        "auth_time": 1700000000u64, "jti": "j", "version": 2
    });
    jsonwebtoken::encode(&header, &claims, &key).ok()
}
