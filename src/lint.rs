//! The whole run: load → one model per root module or plan → rules → sorted findings.

use crate::diag::Diag;
use crate::finding::{Finding, Severity};
use crate::load::{self, CliVar};
use crate::model::{Model, Resource};
use crate::rules::Rule;
use crate::source::Files;
use rayon::prelude::*;
use std::io::Write;
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
    /// A baseline was applied: every finding left is new since it (SARIF `baselineState`).
    pub baselined: bool,
    /// Warnings about the command line that do not fail the run (standard error).
    pub warnings: Vec<String>,
}

/// Adds what needs other resources: `aws_route53_record.fqdn` (name expanded against its zone).
pub fn finish_model(resources: Vec<Resource>) -> Model {
    let mut model = Model::new(resources);
    crate::computed::add_joined(&mut model);
    model
}

/// A model with what the APIs' OpenAPI bodies declare (`openapi`), and the input errors of
/// bodies that are not valid documents.
pub fn model_with_bodies(
    mut resources: Vec<Resource>,
    documents: &std::collections::BTreeMap<crate::source::Span, u32>,
    files: &Files,
) -> (Model, Vec<Diag>) {
    let (diags, opaque) = crate::openapi::add_bodies(&mut resources, documents, files);
    let mut m = finish_model(resources);
    m.opaque_bodies = opaque;
    (m, diags)
}

/// `TF_VAR_name` environment variables, in a stable order.
fn tf_var_env() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, val)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), val)))
        .collect();
    v.sort();
    v
}

/// The model of one root module: evaluated, with its APIs' bodies read, and its evaluation and
/// body input errors (in that order).
fn root_model(loaded: &load::Loaded, root: &PathBuf) -> (Model, Vec<Diag>) {
    let ev = crate::eval::eval_root(loaded, root);
    let (mut m, d) = model_with_bodies(ev.resources, &loaded.documents, &loaded.files);
    m.missing_modules = ev.missing_modules;
    m.file_reads = ev.file_reads;
    let mut diags = ev.diags;
    diags.extend(d);
    (m, diags)
}

/// The model of one plan: its resources located in its configuration (when given) or in the
/// plan file, with its APIs' bodies read; `Err` when the file is not a plan.
fn plan_model(loaded: &load::Loaded, p: load::PlanInput) -> Result<(Model, Vec<Diag>), Diag> {
    let (mut rs, shape_errors) = crate::plan::resources(&p.json, p.file)?;
    // the parsed document is several times the plan's size: gone before the rules run
    drop(p.json);
    if let Some(src) = &p.source {
        crate::plan::attach_source(&mut rs, loaded, src);
    }
    let text = &loaded.files.get(p.file).text;
    crate::plan::locate_in_plan(&mut rs, text, p.file);
    let (m, mut diags) = model_with_bodies(rs, &loaded.documents, &loaded.files);
    if !shape_errors.is_empty() {
        let index = crate::plan::address_index(text);
        for (addr, msg) in shape_errors {
            // at the resource's address, else the start of the plan
            let at = crate::plan::address_span(&index, &addr, p.file)
                .unwrap_or(crate::source::Span::new(p.file, 0..1));
            diags.push(Diag::at(msg, at));
        }
    }
    Ok((m, diags))
}

/// Loads the inputs into models without running rules (used by `authwire token`).
pub fn load_models(paths: &[PathBuf], cli_vars: &[CliVar]) -> (Files, Vec<Model>, Vec<Diag>) {
    let mut loaded = load::load(paths, cli_vars, &tf_var_env());
    loaded.tf_workspace = load::tf_workspace_env();
    let mut errors = std::mem::take(&mut loaded.errors);
    let mut models: Vec<Model> = Vec::new();
    for root in &loaded.roots {
        let (m, d) = root_model(&loaded, root);
        errors.extend(d);
        models.push(m);
    }
    for p in std::mem::take(&mut loaded.plans) {
        match plan_model(&loaded, p) {
            Ok((m, d)) => {
                errors.extend(d);
                models.push(m);
            }
            Err(d) => errors.push(d),
        }
    }
    (loaded.files, models, errors)
}

/// Reports show the call, not what a file held: a finding's message, help or related notes that
/// quote the text a `file()`/`filebase64()` call read (whole, or a line of it of 8 characters
/// or more) get `<file("…")>` in its place (issue 13 §4).
pub fn redact_file_contents(m: &Model, findings: &mut [Finding]) {
    if m.file_reads.is_empty() {
        return;
    }
    let mut pieces: Vec<(&str, String)> = Vec::new();
    for (call, text) in &m.file_reads {
        let shown = format!("<{call}>");
        let whole = text.trim();
        if whole.len() >= 8 {
            pieces.push((whole, shown.clone()));
        }
        for line in text.lines().map(str::trim).filter(|l| l.len() >= 8) {
            if line != whole {
                pieces.push((line, shown.clone()));
            }
        }
    }
    // longest first: a whole file before its lines
    pieces.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    let redact = |s: &mut String| {
        for (piece, shown) in &pieces {
            if s.contains(piece) {
                *s = s.replace(piece, shown);
            }
        }
    };
    for f in findings.iter_mut() {
        redact(&mut f.message);
        redact(&mut f.help);
        for r in f.related.iter_mut() {
            redact(&mut r.message);
        }
    }
}

/// The attribute path a finding's location is in (the smallest attribute or block span that
/// contains it), for fingerprints that survive line moves.
/// A finding's identity within its resource, for fingerprints that survive line moves: the
/// attribute path it points into, plus the element's text when it points at one list element
/// (two wrong scopes of one method are two findings); for findings outside any resource (a
/// suppression comment, a module call), the file and the text pointed at.
fn attribute_path(m: &Model, files: &Files, f: &Finding) -> String {
    let Some(loc) = f.location else {
        return String::new();
    };
    let text = |sp: crate::source::Span| -> String {
        let t = files
            .files
            .get(sp.file as usize)
            .and_then(|sf| sf.text.get(sp.start as usize..sp.end as usize))
            .unwrap_or("");
        let first = t.lines().next().unwrap_or("").trim();
        first.chars().take(100).collect()
    };
    let Some(res) = m.resource(&f.resource) else {
        let file = files
            .files
            .get(loc.file as usize)
            .map(|sf| sf.name.as_str())
            .unwrap_or("");
        return format!("{file}:{}", text(loc));
    };
    let best = res
        .spans
        .iter()
        .filter(|(_, sp)| sp.contains(&loc))
        .min_by_key(|(k, sp)| (sp.end - sp.start, k.len()));
    match best {
        Some((k, sp)) if *sp != loc && sp.start < loc.start => format!("{k}[{}]", text(loc)),
        Some((k, _)) => k.clone(),
        None => String::new(),
    }
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
    loaded.tf_workspace = load::tf_workspace_env();
    // a --var no root declares: Terraform says "Value for undeclared variable"
    let mut warnings = Vec::new();
    if !loaded.roots.is_empty() {
        for v in cli_vars {
            if let CliVar::Pair(n, _) = v
                && !loaded
                    .roots
                    .iter()
                    .filter_map(|r| loaded.modules.get(r))
                    .any(|m| m.variables.contains_key(n))
            {
                warnings.push(format!(
                    "Value for undeclared variable: --var {n}=…: no root module declares a variable \"{n}\", so the value is not used"
                ));
            }
        }
    }
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
    let plans = std::mem::take(&mut loaded.plans);
    let lref = &loaded;
    let check = |m: Model| -> (Vec<Finding>, usize, Vec<Diag>) {
        let mut out = Vec::new();
        for r in rules {
            r.check(&m, &mut out);
        }
        for f in out.iter_mut() {
            f.path = attribute_path(&m, &lref.files, f);
        }
        redact_file_contents(&m, &mut out);
        (out, m.resources.len(), Vec::new())
    };
    // each model is checked and dropped inside the parallel map: peak memory stays per-thread
    let per_root: Vec<(Vec<Finding>, usize, Vec<Diag>)> = loaded
        .roots
        .par_iter()
        .map(|root| {
            let (m, diags) = root_model(lref, root);
            let (f, n, _) = check(m);
            (f, n, diags)
        })
        .collect();
    let mut findings = Vec::new();
    let mut resources = 0;
    for (f, n, d) in per_root {
        findings.extend(f);
        resources += n;
        errors.extend(d);
    }
    for p in plans {
        match plan_model(&loaded, p) {
            Ok((m, d)) => {
                errors.extend(d);
                let (f, n, _) = check(m);
                findings.extend(f);
                resources += n;
            }
            Err(d) => errors.push(d),
        }
    }
    for d in errors.iter_mut() {
        d.message = crate::finding::escape_controls(&d.message);
    }
    errors.sort_by_cached_key(|d| (d.location(&loaded.files), d.message.clone()));
    let mut run = Run {
        files: loaded.files,
        findings,
        errors,
        resources,
        fixed: Vec::new(),
        scope,
        baselined: false,
        warnings,
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

/// The lowest severity that makes the exit code 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

/// One `authwire lint` (or `authwire hook`, which lints only the roots holding `changed`).
pub struct Request {
    pub paths: Vec<PathBuf>,
    pub source: Option<PathBuf>,
    /// `authwire hook`: the changed files whose roots are linted.
    pub changed: Option<Vec<PathBuf>>,
    pub formats: Vec<crate::report::Format>,
    pub outputs: Vec<PathBuf>,
    /// `--var`/`--var-file` in command-line order.
    pub cli_vars: Vec<CliVar>,
    pub fail_on: Option<FailOn>,
    pub config: Option<PathBuf>,
    pub no_inline_ignores: bool,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    /// `--quiet`: no summary line on standard error.
    pub quiet: bool,
    /// `--color always|never` (auto: the caller's terminal detection).
    pub color: Option<bool>,
}

/// The whole pipeline: settings (config file), load → model → rules, suppressions, baseline,
/// sorted reports in every requested format, exit status (0, 1 at or above fail-on, 2 on any
/// input error). `authwire lint` and `authwire hook` both come here.
pub fn lint(req: &Request, stdout: &mut dyn Write, stderr: &mut dyn Write, color: bool) -> u8 {
    use crate::report::{self, Format};
    use clap::ValueEnum;
    let mut extra_files = crate::source::Files::default();
    // the config: --config, else .authwire.toml upward from the current directory, else upward
    // from the (first) linted path (`authwire lint infra` from elsewhere finds infra's config)
    let cfg_path = req.config.clone().or_else(|| {
        std::env::current_dir()
            .ok()
            .and_then(|d| crate::settings::find_config(&d))
            .or_else(|| {
                let first = req.paths.first()?;
                let abs = std::fs::canonicalize(first).ok()?;
                let dir = if abs.is_dir() {
                    abs
                } else {
                    abs.parent()?.to_path_buf()
                };
                crate::settings::find_config(&dir)
            })
    });
    if let Some(c) = &req.config
        && !c.exists()
    {
        let _ = writeln!(stderr, "authwire: config file {} not found", c.display());
        return 2;
    }
    let cfg = match &cfg_path {
        Some(p) => match crate::settings::load_config(p, &mut extra_files) {
            Ok(c) => c,
            Err(d) => {
                let loc = d
                    .location(&extra_files)
                    .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
                    .unwrap_or_default();
                let _ = writeln!(stderr, "authwire: {loc}{}", d.message);
                return 2;
            }
        },
        None => crate::settings::Config::default(),
    };
    let cfg_dir = cfg_path
        .as_ref()
        .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("."));
    let cfg_dir = if cfg_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cfg_dir
    };
    let formats: Vec<Format> = if !req.formats.is_empty() {
        req.formats.clone()
    } else if !req.outputs.is_empty() {
        // --output without --format: the extension decides, or the run is refused
        let mut fs = Vec::new();
        for o in &req.outputs {
            match Format::from_extension(o) {
                Some(f) => fs.push(f),
                None => {
                    let _ = writeln!(
                        stderr,
                        "authwire: --output {}: give its --format (the file name does not say which: .sarif, .json, .junit.xml, .checkstyle.xml, .codequality.json, .txt)",
                        o.display()
                    );
                    return 2;
                }
            }
        }
        fs
    } else {
        match cfg.lint.format.as_deref() {
            Some(s) => match Format::from_str(s, true) {
                Ok(f) => vec![f],
                Err(_) => {
                    let _ = writeln!(
                        stderr,
                        "authwire: config: format {s} is not one of text, json, sarif, junit, checkstyle, github, compact, gitlab"
                    );
                    return 2;
                }
            },
            None => vec![Format::Text],
        }
    };
    // pair formats with outputs in order; at most one format is left for stdout
    if !(req.outputs.len() == formats.len() || req.outputs.len() + 1 == formats.len()) {
        let _ = writeln!(
            stderr,
            "authwire: {} --format and {} --output: give each format an output file (one may go to stdout)",
            formats.len(),
            req.outputs.len()
        );
        return 2;
    }
    // two reports into one file would leave only the last one
    let mut seen_out = std::collections::BTreeSet::new();
    for o in &req.outputs {
        let key = std::fs::canonicalize(o).unwrap_or_else(|_| o.clone());
        if !seen_out.insert(key) {
            let _ = writeln!(
                stderr,
                "authwire: --output {} is given twice: each report needs its own file",
                o.display()
            );
            return 2;
        }
    }
    let targets: Vec<(Format, Option<PathBuf>)> = formats
        .iter()
        .enumerate()
        .map(|(i, f)| (*f, req.outputs.get(i).cloned()))
        .collect();
    let fail_on = match (req.fail_on, cfg.lint.fail_on.as_deref()) {
        (Some(f), _) => f,
        (None, Some(s)) => match FailOn::from_str(s, true) {
            Ok(f) => f,
            Err(_) => {
                let _ = writeln!(
                    stderr,
                    "authwire: config: fail_on {s} is not one of error, warning, note, never"
                );
                return 2;
            }
        },
        (None, None) => FailOn::Warning,
    };
    let mut cli_vars: Vec<CliVar> = cfg
        .lint
        .var_files
        .iter()
        .map(|f| CliVar::File(cfg_dir.join(f)))
        .collect();
    cli_vars.extend(
        cfg.lint
            .vars
            .iter()
            .map(|(k, v)| CliVar::Pair(k.clone(), v.clone())),
    );
    cli_vars.extend(req.cli_vars.iter().cloned());
    let rules = crate::rules::all();
    let mut run = run_filtered(
        &req.paths,
        req.source.as_deref(),
        req.changed.as_deref(),
        &cli_vars,
        &rules,
    );
    for w in &run.warnings {
        let _ = writeln!(stderr, "authwire: warning: {w}");
    }
    // suppressions first: their meta-findings are findings of registry rules, which the
    // configuration may then disable or re-rank like any other
    if !req.no_inline_ignores && cfg.lint.inline_ignores != Some(false) {
        crate::settings::apply_suppressions(&mut run, None);
    }
    crate::settings::apply_config(&mut run, &cfg, &cfg_dir);
    // --baseline, else the config's `baseline` (relative to the config file)
    let cfg_baseline = cfg.lint.baseline.as_ref().map(|b| cfg_dir.join(b));
    if let Some(b) = req.baseline.as_ref().or(cfg_baseline.as_ref()) {
        match crate::settings::read_baseline(b, &mut run.files) {
            Ok(bl) => {
                run.baselined = true;
                run.fixed = crate::settings::apply_baseline(&mut run, &bl)
                    .into_iter()
                    .map(|e| format!("{} {}: {}", e.rule, e.resource, e.message))
                    .collect();
            }
            Err(d) => run.errors.push(d),
        }
    }
    sort_findings(&mut run);
    if let Some(b) = &req.write_baseline {
        return match crate::settings::write_baseline(&run, b) {
            Ok(n) => {
                let _ = writeln!(
                    stderr,
                    "authwire: wrote {n} finding(s) to baseline {}",
                    b.display()
                );
                if run.errors.is_empty() { 0 } else { 2 }
            }
            Err(e) => {
                let _ = writeln!(
                    stderr,
                    "authwire: cannot write baseline {}: {e}",
                    b.display()
                );
                2
            }
        };
    }
    for (fmt, out) in &targets {
        let text = report::render(&run, *fmt, color && out.is_none());
        match out {
            Some(p) => {
                if let Err(e) = std::fs::write(p, &text) {
                    let _ = writeln!(stderr, "authwire: cannot write {}: {e}", p.display());
                    return 2;
                }
            }
            None => {
                let _ = stdout.write_all(text.as_bytes());
            }
        }
    }
    if targets.iter().any(|(f, _)| *f == Format::Text) && !req.quiet {
        let _ = writeln!(stderr, "{}", report::text::summary(&run));
        for f in &run.fixed {
            let _ = writeln!(stderr, "  fixed since the baseline: {f}");
        }
    }
    if !run.errors.is_empty() {
        return 2;
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Note => Some(Severity::Note),
        FailOn::Never => None,
    };
    match threshold {
        Some(t)
            if run
                .findings
                .iter()
                .any(|f| f.suppression.is_none() && f.severity >= t) =>
        {
            1
        }
        _ => 0,
    }
}
