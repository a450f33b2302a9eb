//! `authwire eval`: one expression evaluated in the scope of a root module or module instance,
//! printed as `terraform console` prints values (text) or as JSON.

use crate::diag::Diag;
use crate::load::{self, CliVar};
use crate::source::Files;
use crate::value::{Origin, Part, Ty, V, Val, fmt_num};
use std::path::Path;

/// Loads `path` (a directory with or without Terraform files), evaluates the whole configuration
/// and then `expr`. Input and evaluation errors come back as diagnostics; an expression that
/// does not parse is an `Err`.
pub fn run(
    path: &Path,
    expr: &str,
    module: Option<&str>,
    cli_vars: &[CliVar],
) -> Result<(Val, Vec<Diag>, Files), String> {
    let env: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
        .collect();
    if !path.is_dir() {
        return Err(format!("{} is not a directory", path.display()));
    }
    let mut loaded = load::load_root_dir(path, cli_vars, &env);
    loaded.tf_workspace = load::tf_workspace_env();
    let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    // a directory with no configuration: evaluate in an empty root module
    loaded
        .errors
        .retain(|d| !d.message.starts_with("no Terraform files"));
    if !loaded.modules.contains_key(&root) {
        loaded.modules.insert(
            root.clone(),
            crate::load::module::ModuleDef {
                dir: root.clone(),
                ..Default::default()
            },
        );
        loaded.roots.push(root.clone());
        loaded.root_vars.entry(root.clone()).or_default();
    }
    let id = loaded.files.add("<expr>".into(), expr.to_string());
    let parsed = crate::load::hcl::parse_expr(id, expr)
        .map_err(|e| format!("the expression does not parse: {}", e.message))?;
    let e = &parsed;
    let root_dir = if loaded.roots.contains(&root) {
        root.clone()
    } else {
        // the path is a called module: evaluate from the root that calls it
        loaded.roots.first().cloned().unwrap_or(root.clone())
    };
    let (v, mut diags) = crate::eval::eval_in(&loaded, &root_dir, module, e)?;
    let mut all = std::mem::take(&mut loaded.errors);
    all.append(&mut diags);
    Ok((v, all, loaded.files))
}

fn origin_names(o: &[Origin]) -> serde_json::Value {
    serde_json::Value::Array(
        o.iter()
            .map(|o| serde_json::Value::String(o.name()))
            .collect(),
    )
}

fn value_json(v: &Val) -> serde_json::Value {
    use serde_json::Value as J;
    match &v.v {
        V::Null => J::Null,
        V::Bool(b) => J::Bool(*b),
        V::Num(n) => {
            if n.fract() == 0.0 && n.abs() < 9e15 {
                J::from(*n as i64)
            } else {
                serde_json::Number::from_f64(*n)
                    .map(J::Number)
                    .unwrap_or(J::Null)
            }
        }
        V::Str(s) => J::String(s.clone()),
        V::List(l) => J::Array(l.iter().map(value_json).collect()),
        V::Obj(m) => J::Object(m.iter().map(|(k, x)| (k.clone(), value_json(x))).collect()),
        V::Unknown(o) => serde_json::json!({ "unknown": origin_names(o) }),
        V::Template(_) => serde_json::json!({ "unknown": origin_names(&v.origins()) }),
    }
}

/// `{"known": true, "value": …}`, or `{"known": false, "origins": […]}` with the known parts
/// of a partly known value under `value` (each unknown leaf as `{"unknown": [origins]}`).
pub fn to_json(v: &Val) -> serde_json::Value {
    if !v.has_unknown() {
        return serde_json::json!({ "known": true, "value": value_json(v), "type": v.ty().show() });
    }
    let mut j = serde_json::json!({ "known": false, "origins": origin_names(&v.origins()) });
    if !v.is_unknown() {
        j["value"] = value_json(v);
    }
    j
}

pub fn diag_json(d: &Diag, files: &Files) -> serde_json::Value {
    match d.location(files) {
        Some(l) => serde_json::json!({"message": d.message, "location": l}),
        None => serde_json::json!({"message": d.message, "location": null}),
    }
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' => out.push('$'),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The rendering `terraform console` prints.
pub fn to_text(v: &Val, indent: usize) -> String {
    let pad = "  ".repeat(indent + 1);
    let end = "  ".repeat(indent);
    match &v.v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Num(n) => fmt_num(*n),
        V::Str(s) => quote(s),
        V::Unknown(_) => "(known after apply)".into(),
        V::Template(parts) => {
            let mut s = String::new();
            for p in parts {
                match p {
                    Part::Lit(l) => s.push_str(l),
                    Part::Unknown(_) => s.push_str("${(known after apply)}"),
                }
            }
            quote(&s)
        }
        V::List(l) => {
            let (open, close) = match &v.ty {
                Some(Ty::List(_)) => ("tolist([", "])"),
                Some(Ty::Set(_)) => ("toset([", "])"),
                _ => ("[", "]"),
            };
            if l.is_empty() {
                return format!("{open}{close}");
            }
            let mut s = format!("{open}\n");
            for x in l {
                s.push_str(&format!("{pad}{},\n", to_text(x, indent + 1)));
            }
            s.push_str(&format!("{end}{close}"));
            s
        }
        V::Obj(m) => {
            let (open, close) = if v.is_map() {
                ("tomap({", "})")
            } else {
                ("{", "}")
            };
            if m.is_empty() {
                return format!("{open}{close}");
            }
            let width = m
                .keys()
                .map(|k| quote(k).chars().count())
                .max()
                .unwrap_or(0);
            let mut s = format!("{open}\n");
            for (k, x) in m {
                let key = quote(k);
                let gap = " ".repeat(width - key.chars().count());
                s.push_str(&format!("{pad}{key}{gap} = {}\n", to_text(x, indent + 1)));
            }
            s.push_str(&format!("{end}{close}"));
            s
        }
    }
}

/// A root module made of `variables` (name, type constraint text or "", value text or None for a
/// variable with no value) evaluated in memory, then `expr` in its scope: the conformance
/// tests' entry point. `Err` when the snippet does not parse.
pub fn eval_snippet(
    variables: &[(String, String, Option<String>)],
    expr: &str,
) -> Result<(Val, Vec<Diag>), String> {
    let mut loaded = crate::load::Loaded::default();
    let root = std::env::temp_dir().join("authwire-conformance-root");
    loaded.read_scope = vec![root.clone()];
    let mut src = String::new();
    let mut vals = String::new();
    for (n, t, v) in variables {
        if t.is_empty() {
            src.push_str(&format!("variable \"{n}\" {{}}\n"));
        } else {
            src.push_str(&format!("variable \"{n}\" {{\n  type = {t}\n}}\n"));
        }
        if let Some(v) = v {
            vals.push_str(&format!("{n} = {v}\n"));
        }
    }
    src.push_str(&format!("locals {{\n  __authwire_eval__ = {expr}\n}}\n"));
    let fid = loaded.files.add("<snippet>.tf".into(), src.clone());
    let body = crate::load::hcl::parse_body(fid, &src).map_err(|e| e.message)?;
    let vid = loaded.files.add("<snippet>.tfvars".into(), vals.clone());
    let vbody = crate::load::hcl::parse_body(vid, &vals).map_err(|e| e.message)?;
    let mut def = crate::load::module::ModuleDef {
        dir: root.clone(),
        ..Default::default()
    };
    let mut errors = Vec::new();
    def.add_body(fid, body, &|_| None, &mut errors);
    let e = def
        .locals
        .get("__authwire_eval__")
        .map(|a| a.expr.clone())
        .ok_or("no expression")?;
    def.locals.remove("__authwire_eval__");
    loaded.modules.insert(root.clone(), def);
    loaded.roots.push(root.clone());
    loaded.root_vars.insert(
        root.clone(),
        vbody.attrs.into_iter().map(|a| (a.name, a.expr)).collect(),
    );
    let (v, mut diags) = crate::eval::eval_in(&loaded, &root, None, &e)?;
    errors.append(&mut diags);
    Ok((v, errors))
}
