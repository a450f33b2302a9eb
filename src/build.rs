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

/// Loads the inputs into models without running rules (used by `authwire token`).
pub fn load_models(paths: &[PathBuf], cli_vars: &[CliVar]) -> (Files, Vec<Model>, Vec<Diag>) {
    let env_vars: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, val)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), val)))
        .collect();
    let mut loaded = load::load(paths, cli_vars, &env_vars);
    let mut errors = std::mem::take(&mut loaded.errors);
    let mut models: Vec<Model> = loaded
        .roots
        .iter()
        .map(|root| finish_model(crate::eval::eval_root(&loaded, root)))
        .collect();
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
    let env_vars: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = std::env::vars()
            .filter_map(|(k, val)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), val)))
            .collect();
        v.sort();
        v
    };
    let mut loaded = load::load_with_source(paths, source, cli_vars, &env_vars);
    let mut errors = std::mem::take(&mut loaded.errors);
    let lref = &loaded;
    let check = |m: Model| -> (Vec<Finding>, usize) {
        let mut out = Vec::new();
        for r in rules {
            r.check(&m, &mut out);
        }
        for f in out.iter_mut() {
            f.path = attribute_path(&m, f);
        }
        (out, m.resources.len())
    };
    // each model is checked and dropped inside the parallel map: peak memory stays per-thread
    let per_root: Vec<(Vec<Finding>, usize)> = loaded
        .roots
        .par_iter()
        .map(|root| check(finish_model(crate::eval::eval_root(lref, root))))
        .collect();
    let mut findings = Vec::new();
    let mut resources = 0;
    for (f, n) in per_root {
        findings.extend(f);
        resources += n;
    }
    for p in &loaded.plans {
        match crate::plan::resources(&p.json, p.file) {
            Ok(mut rs) => {
                if let Some(src) = &p.source {
                    crate::plan::attach_source(&mut rs, &loaded, src);
                }
                let (f, n) = check(finish_model(rs));
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
