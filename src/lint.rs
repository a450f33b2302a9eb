//! The whole run: load → one model per root module or plan → rules → sorted findings.

use crate::diag::Diag;
use crate::finding::Finding;
use crate::load::{self, CliVar};
use crate::model::{Model, Resource, norm_host};
use crate::rules::Rule;
use crate::source::Files;
use crate::value::{V, Val};
use rayon::prelude::*;
use std::path::PathBuf;

pub struct Run {
    pub files: Files,
    pub findings: Vec<Finding>,
    pub errors: Vec<Diag>,
    pub resources: usize,
    /// Baseline findings that no longer occur (`--baseline`).
    pub fixed: Vec<String>,
    /// When only some roots were linted (`authwire hook`): the files they cover.
    pub scope: Option<std::collections::BTreeSet<u32>>,
}

/// Adds what needs other resources: `aws_route53_record.fqdn` (name expanded against its zone).
pub fn finish_model(resources: Vec<Resource>) -> Model {
    let mut model = Model::new(resources);
    let mut fqdns = Vec::new();
    for (i, r) in model.resources.iter().enumerate() {
        if r.rtype != "aws_route53_record" || r.get("fqdn").is_some_and(|v| !v.is_unknown()) {
            continue;
        }
        let Some(name) = r.str("name") else { continue };
        let name = norm_host(name);
        let zone = r
            .get("zone_id")
            .map(|z| model.links(z, "aws_route53_zone"))
            .unwrap_or_default();
        let zone_name = zone.first().and_then(|z| z.str("name")).map(norm_host);
        let fqdn = match zone_name {
            Some(z) if name.is_empty() || name == "@" => Some(z),
            Some(z) if name == z || name.ends_with(&format!(".{z}")) => Some(name),
            Some(z) => Some(format!("{name}.{z}")),
            None if name.contains('.') => Some(name),
            None => None,
        };
        if let Some(f) = fqdn {
            fqdns.push((i, f));
        }
    }
    for (i, f) in fqdns {
        if let V::Obj(m) = &mut model.resources[i].attrs.v {
            m.insert("fqdn".into(), Val::str(f));
        }
    }
    model
}

/// `TF_VAR_name` environment variables, in a stable order.
fn tf_var_env() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, val)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), val)))
        .collect();
    v.sort();
    v
}

/// Loads the inputs into models without running rules (used by `authwire token`).
pub fn load_models(paths: &[PathBuf], cli_vars: &[CliVar]) -> (Files, Vec<Model>, Vec<Diag>) {
    let mut loaded = load::load(paths, cli_vars, &tf_var_env());
    let mut errors = std::mem::take(&mut loaded.errors);
    let mut models: Vec<Model> = Vec::new();
    for root in &loaded.roots {
        let ev = crate::eval::eval_root(&loaded, root);
        errors.extend(ev.diags);
        let mut m = finish_model(ev.resources);
        m.missing_modules = ev.missing_modules;
        models.push(m);
    }
    for p in &loaded.plans {
        match crate::plan::resources(&p.json, p.file) {
            Ok(rs) => models.push(finish_model(rs)),
            Err(d) => errors.push(d),
        }
    }
    (loaded.files, models, errors)
}

/// The attribute path a finding's location is in (the smallest attribute or block span that
/// contains it), for fingerprints that survive line moves.
fn attribute_path(m: &Model, f: &Finding) -> String {
    let (Some(loc), Some(res)) = (f.location, m.resource(&f.resource)) else {
        return String::new();
    };
    res.spans
        .iter()
        .filter(|(_, sp)| sp.contains(&loc))
        .min_by_key(|(k, sp)| (sp.end - sp.start, k.len()))
        .map(|(k, _)| k.clone())
        .unwrap_or_default()
}

pub fn run(paths: &[PathBuf], cli_vars: &[CliVar], rules: &[&'static dyn Rule]) -> Run {
    run_with_source(paths, None, cli_vars, rules)
}

/// `run` with the configuration directory of the plans given (`--source`).
pub fn run_with_source(
    paths: &[PathBuf],
    source: Option<&std::path::Path>,
    cli_vars: &[CliVar],
    rules: &[&'static dyn Rule],
) -> Run {
    run_filtered(paths, source, None, cli_vars, rules)
}

/// The root modules whose module tree (the root and the local modules it calls) holds one of
/// `changed` (files).
fn roots_containing(loaded: &load::Loaded, changed: &[PathBuf]) -> Vec<PathBuf> {
    let dirs: std::collections::BTreeSet<PathBuf> = changed
        .iter()
        .filter_map(|f| std::fs::canonicalize(f).ok())
        .filter_map(|f| f.parent().map(|d| d.to_path_buf()))
        .collect();
    loaded
        .roots
        .iter()
        .filter(|root| {
            let mut todo = vec![(*root).clone()];
            let mut seen = std::collections::BTreeSet::new();
            while let Some(d) = todo.pop() {
                if dirs.contains(&d) {
                    return true;
                }
                if !seen.insert(d.clone()) {
                    continue;
                }
                if let Some(m) = loaded.modules.get(&d) {
                    todo.extend(m.calls.iter().filter_map(|c| c.dir.clone()));
                }
            }
            false
        })
        .cloned()
        .collect()
}

/// `run_with_source`, keeping only the roots that contain one of `changed` (pre-commit).
pub fn run_filtered(
    paths: &[PathBuf],
    source: Option<&std::path::Path>,
    changed: Option<&[PathBuf]>,
    cli_vars: &[CliVar],
    rules: &[&'static dyn Rule],
) -> Run {
    let mut loaded = load::load_with_source(paths, source, cli_vars, &tf_var_env());
    let mut scope = None;
    if let Some(ch) = changed {
        loaded.roots = roots_containing(&loaded, ch);
        // input errors of files outside the selected module trees are not this commit's
        let mut keep = std::collections::BTreeSet::new();
        let mut todo: Vec<PathBuf> = loaded.roots.clone();
        while let Some(d) = todo.pop() {
            if let Some(m) = loaded.modules.get(&d)
                && keep.insert(d.clone())
            {
                todo.extend(m.calls.iter().filter_map(|c| c.dir.clone()));
            }
        }
        let ids: std::collections::BTreeSet<u32> = keep
            .iter()
            .filter_map(|d| loaded.modules.get(d))
            .flat_map(|m| m.files.iter().copied())
            .collect();
        let changed_dirs: Vec<PathBuf> = ch
            .iter()
            .filter_map(|f| {
                std::fs::canonicalize(f)
                    .ok()
                    .and_then(|f| f.parent().map(|d| d.to_path_buf()))
            })
            .collect();
        scope = Some(ids.clone());
        let files = &loaded.files;
        loaded.errors.retain(|e| match e.span {
            Some(sp) => {
                ids.contains(&sp.file)
                    || changed_dirs.iter().any(|d| {
                        std::fs::canonicalize(&files.get(sp.file).name)
                            .is_ok_and(|p| p.parent() == Some(d.as_path()))
                    })
            }
            None => true,
        });
    }
    let mut errors = std::mem::take(&mut loaded.errors);
    let lref = &loaded;
    let check = |m: Model| -> (Vec<Finding>, usize, Vec<Diag>) {
        let mut out = Vec::new();
        for r in rules {
            r.check(&m, &mut out);
        }
        for f in out.iter_mut() {
            f.path = attribute_path(&m, f);
        }
        (out, m.resources.len(), Vec::new())
    };
    // each model is checked and dropped inside the parallel map: peak memory stays per-thread
    let per_root: Vec<(Vec<Finding>, usize, Vec<Diag>)> = loaded
        .roots
        .par_iter()
        .map(|root| {
            let ev = crate::eval::eval_root(lref, root);
            let mut m = finish_model(ev.resources);
            m.missing_modules = ev.missing_modules;
            let (f, n, _) = check(m);
            (f, n, ev.diags)
        })
        .collect();
    let mut findings = Vec::new();
    let mut resources = 0;
    for (f, n, d) in per_root {
        findings.extend(f);
        resources += n;
        errors.extend(d);
    }
    for p in &loaded.plans {
        match crate::plan::resources(&p.json, p.file) {
            Ok(mut rs) => {
                if let Some(src) = &p.source {
                    crate::plan::attach_source(&mut rs, &loaded, src);
                }
                let (f, n, _) = check(finish_model(rs));
                findings.extend(f);
                resources += n;
            }
            Err(d) => errors.push(d),
        }
    }
    errors.sort_by_cached_key(|d| (d.location(&loaded.files), d.message.clone()));
    let mut run = Run {
        files: loaded.files,
        findings,
        errors,
        resources,
        fixed: Vec::new(),
        scope,
    };
    sort_findings(&mut run);
    run
}

/// Sorts findings by file, line, column, rule (design §6) and drops exact duplicates.
pub fn sort_findings(run: &mut Run) {
    let files = &run.files;
    let key = |f: &Finding| {
        let loc = f.location.map(|s| files.location(s));
        (loc, f.rule, f.resource.clone(), f.message.clone())
    };
    run.findings.sort_by_cached_key(key);
    run.findings.dedup_by(|a, b| key(a) == key(b));
    run.errors
        .sort_by_cached_key(|d| (d.location(files), d.message.clone()));
}
