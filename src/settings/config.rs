//! The `.authwire.toml` configuration: rule selection and severities, excludes, default
//! variables, format and fail-on; `authwire init` writes a commented default.

use crate::diag::Diag;
use crate::finding::Severity;
use crate::lint::Run;
use crate::source::{Files, Span};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

// ------------------------------------------------------------------------------------ config

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub lint: LintConfig,
    #[serde(default)]
    pub rules: RulesConfig,
}

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Default output format (text, json, sarif, junit, checkstyle, github, compact, gitlab).
    pub format: Option<String>,
    /// Default --fail-on (error, warning, note, never).
    pub fail_on: Option<String>,
    /// Glob patterns (relative to the config file) of files whose findings are dropped.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Default --var-file files (relative to the config file), applied before the command line's.
    #[serde(default)]
    pub var_files: Vec<String>,
    /// Default --var values, applied before the command line's.
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// false: ignore every inline suppression (teams that must forbid them).
    pub inline_ignores: Option<bool>,
    /// Default --baseline file (relative to the config file).
    pub baseline: Option<String>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
}

pub const DEFAULT_CONFIG: &str = r#"# authwire configuration (found upward from the current directory, or given with --config).
# Unknown keys are an error.

[lint]
# format = "text"          # text | json | sarif | junit | checkstyle | github | compact | gitlab
# fail_on = "warning"      # error | warning | note | never
# exclude = ["legacy/**"]  # globs, relative to this file: findings in these files are dropped
# var_files = ["env/prod.tfvars"]
# vars = { region = "eu-west-1" }
# inline_ignores = true    # false: ignore every `# authwire:ignore` comment
# baseline = "authwire-baseline.json"   # report only findings not in it (relative to this file)

[rules]
# disable = ["rest-open-method-audit"]
# severity = { "rest-deployment-triggers" = "error" }
"#;

/// Writes the commented default `.authwire.toml` into `dir`; never overwrites.
pub fn write_default_config(dir: &Path) -> Result<PathBuf, String> {
    let p = dir.join(".authwire.toml");
    if p.exists() {
        return Err(format!(
            "{} exists already; not overwritten",
            crate::source::display_path(&p)
        ));
    }
    std::fs::write(&p, DEFAULT_CONFIG)
        .map_err(|e| format!("cannot write {}: {e}", crate::source::display_path(&p)))?;
    Ok(p)
}

/// Finds `.authwire.toml` upward from `start`.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let mut d = Some(start);
    while let Some(dir) = d {
        let c = dir.join(".authwire.toml");
        // anything of that name: a FIFO or directory there is reported when it is read, not
        // passed over
        if std::fs::symlink_metadata(&c).is_ok() {
            return Some(c);
        }
        d = dir.parent();
    }
    None
}

/// Reads and checks a config file. Errors carry the file location (exit 2).
pub fn load_config(path: &Path, files: &mut Files) -> Result<Config, Diag> {
    let name = crate::source::display_path(path);
    let text = crate::input::read_string(path)
        .map_err(|e| Diag::file(format!("cannot read {name}: {e}"), name.clone()))?;
    let id = files.add(name.clone(), text.clone());
    let cfg: Config = toml::from_str(&text).map_err(|e| {
        let span = e.span().unwrap_or(0..1);
        Diag::at(
            format!("invalid config: {}", e.message()),
            Span::new(id, span),
        )
    })?;
    let known: BTreeSet<&str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
    let at = |key: &str| -> Span {
        let off = text.find(key).unwrap_or(0);
        Span::new(id, off..off + key.len())
    };
    for r in cfg.rules.disable.iter().chain(cfg.rules.severity.keys()) {
        if !known.contains(r.as_str()) {
            return Err(Diag::at(
                format!("invalid config: no rule named {r} (`authwire rules` lists them)"),
                at(r),
            ));
        }
    }
    for (r, s) in &cfg.rules.severity {
        if parse_severity(s).is_none() {
            return Err(Diag::at(
                format!("invalid config: severity of {r} must be error, warning or note, not {s}"),
                at(s),
            ));
        }
    }
    for g in &cfg.lint.exclude {
        if globset::Glob::new(g).is_err() {
            return Err(Diag::at(
                format!("invalid config: exclude pattern {g} is not a valid glob"),
                at(g),
            ));
        }
    }
    Ok(cfg)
}

pub fn parse_severity(s: &str) -> Option<Severity> {
    match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "note" => Some(Severity::Note),
        _ => None,
    }
}

/// Applies rule enable/disable, severity overrides and path excludes.
pub fn apply_config(run: &mut Run, cfg: &Config, base: &Path) {
    let disabled: BTreeSet<&str> = cfg.rules.disable.iter().map(String::as_str).collect();
    let mut gs = globset::GlobSetBuilder::new();
    for g in &cfg.lint.exclude {
        if let Ok(g) = globset::Glob::new(g) {
            gs.add(g);
        }
    }
    let excludes = gs.build().ok();
    let base_disp = crate::source::display_path(base);
    let files = &run.files;
    run.findings.retain(|f| {
        if disabled.contains(f.rule) {
            return false;
        }
        let Some(ex) = &excludes else { return true };
        let Some(loc) = f.location else { return true };
        let file = &files.get(loc.file).name;
        let rel = if base_disp == "." {
            file.as_str()
        } else {
            file.strip_prefix(&format!("{base_disp}/")).unwrap_or(file)
        };
        !ex.is_match(rel)
    });
    for f in run.findings.iter_mut() {
        if let Some(s) = cfg
            .rules
            .severity
            .get(f.rule)
            .and_then(|s| parse_severity(s))
        {
            f.severity = s;
        }
    }
}
