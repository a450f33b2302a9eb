//! What users decide on top of the rules: the `.authwire.toml` config, inline suppressions
//! (`# authwire:ignore rule -- reason`), and baselines.

use crate::build::Run;
use crate::diag::Diag;
use crate::finding::{Finding, Related, Severity};
use crate::source::{Files, Span};
use serde::{Deserialize, Serialize};
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
    /// Default output format (text, json, sarif, junit, checkstyle, github).
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
# format = "text"          # text | json | sarif | junit | checkstyle | github
# fail_on = "warning"      # error | warning | note | never
# exclude = ["legacy/**"]  # globs, relative to this file: findings in these files are dropped
# var_files = ["env/prod.tfvars"]
# vars = { region = "eu-west-1" }
# inline_ignores = true    # false: ignore every `# authwire:ignore` comment

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
        if c.is_file() {
            return Some(c);
        }
        d = dir.parent();
    }
    None
}

/// Reads and checks a config file. Errors carry the file location (exit 2).
pub fn load_config(path: &Path, files: &mut Files) -> Result<Config, Diag> {
    let name = crate::source::display_path(path);
    let text = std::fs::read_to_string(path)
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

// ------------------------------------------------------------------------------- suppressions

pub const SUPPRESSION_RULES: [(&str, Severity, &str); 3] = [
    (
        "suppression-reason",
        Severity::Error,
        "An inline suppression must give a reason after `--`",
    ),
    (
        "suppression-unused",
        Severity::Warning,
        "An inline suppression that silences nothing must be removed",
    ),
    (
        "suppression-expired",
        Severity::Warning,
        "An inline suppression past its until= date no longer applies",
    ),
];

struct Suppression {
    rules: Vec<String>,
    reason: Option<String>,
    until: Option<String>,
    /// The comment itself.
    span: Span,
    /// Lines (1-based, inclusive) it covers; the whole file for the file-level form.
    lines: (usize, usize),
    file: u32,
    used: bool,
}

/// Byte offset of each line start.
fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    v
}

/// The last line of the block or attribute that starts on `line` (brackets balanced, strings skipped).
fn extent(lines: &[&str], line: usize) -> usize {
    let mut depth = 0i32;
    let mut opened = false;
    for (i, l) in lines.iter().enumerate().skip(line) {
        let mut in_str = false;
        let mut prev = ' ';
        for c in l.chars() {
            if in_str {
                if c == '"' && prev != '\\' {
                    in_str = false;
                }
            } else {
                match c {
                    '"' => in_str = true,
                    '#' => break,
                    '/' if prev == '/' => break,
                    '{' | '[' | '(' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' | ']' | ')' => depth -= 1,
                    _ => {}
                }
            }
            prev = c;
        }
        if depth <= 0 && (opened || i == line) {
            return i;
        }
    }
    lines.len().saturating_sub(1)
}

fn parse_comments(
    files: &Files,
    file: u32,
    known: &BTreeSet<&str>,
    errors: &mut Vec<Diag>,
) -> Vec<Suppression> {
    let f = files.get(file);
    if !(f.name.ends_with(".tf") || f.name.ends_with(".tf.json")) {
        return vec![];
    }
    let text = &f.text;
    let starts = line_starts(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let body = if let Some(b) = t.strip_prefix('#') {
            b
        } else if let Some(b) = t.strip_prefix("//") {
            b
        } else {
            continue;
        };
        let body = body.trim();
        let (file_level, rest) = if let Some(r) = body.strip_prefix("authwire:ignore-file") {
            (true, r)
        } else if let Some(r) = body.strip_prefix("authwire:ignore") {
            (false, r)
        } else {
            continue;
        };
        let col = l.len() - t.len();
        let span = Span::new(file, starts[i] + col..starts[i] + l.len());
        let (head, reason) = match rest.split_once("--") {
            Some((h, r)) => (h, Some(r.trim().to_string()).filter(|r| !r.is_empty())),
            None => (rest, None),
        };
        let mut rules = Vec::new();
        let mut until = None;
        for tok in head.split_whitespace() {
            if let Some(d) = tok.strip_prefix("until=") {
                let ok =
                    d.len() == 10 && crate::token::parse_time(&format!("{d}T00:00:00Z")).is_some();
                if !ok {
                    errors.push(Diag::at(
                        format!("malformed suppression: until={d} is not a date (YYYY-MM-DD)"),
                        span,
                    ));
                }
                until = Some(d.to_string());
            } else {
                for r in tok.split(',').filter(|r| !r.is_empty()) {
                    if !known.contains(r) {
                        errors.push(Diag::at(format!("malformed suppression: no rule named {r} (`authwire rules` lists them)"), span));
                    }
                    rules.push(r.to_string());
                }
            }
        }
        if rules.is_empty() {
            errors.push(Diag::at("malformed suppression: name the rule(s) to ignore: `# authwire:ignore <rule-id> -- <reason>`", span));
            continue;
        }
        let lines_cov = if file_level {
            (1, lines.len())
        } else {
            // the next line that is not blank and not a comment
            let next = (i + 1..lines.len()).find(|&j| {
                let s = lines[j].trim_start();
                !s.is_empty() && !s.starts_with('#') && !s.starts_with("//")
            });
            match next {
                Some(n) => (n + 1, extent(&lines, n) + 1),
                None => (0, 0),
            }
        };
        out.push(Suppression {
            rules,
            reason,
            until,
            span,
            lines: lines_cov,
            file,
            used: false,
        });
    }
    out
}

fn today() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::token::rfc3339(now)[..10].to_string()
}

/// Marks findings silenced by inline comments, and reports reasonless, expired and unused
/// suppressions as findings. Malformed comments are input errors (exit 2).
pub fn apply_suppressions(run: &mut Run, today_override: Option<&str>) {
    let mut known: BTreeSet<&str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
    known.extend(SUPPRESSION_RULES.iter().map(|r| r.0));
    let today = today_override.map(String::from).unwrap_or_else(today);
    let mut sups = Vec::new();
    for id in 0..run.files.files.len() as u32 {
        if run.scope.as_ref().is_some_and(|s| !s.contains(&id)) {
            continue;
        }
        sups.extend(parse_comments(&run.files, id, &known, &mut run.errors));
    }
    if sups.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    for s in sups.iter_mut() {
        let expired = s.until.as_deref().is_some_and(|u| u < today.as_str());
        if expired {
            extra.push(meta_finding(2, s, format!("this suppression of {} expired on {}; the findings it silenced are reported again", s.rules.join(", "), s.until.as_deref().unwrap_or(""))));
            s.used = true; // do not also call it unused
            continue;
        }
        if s.reason.is_none() {
            extra.push(meta_finding(0, s, format!("this suppression of {} gives no reason; write `-- <why this is safe>` after the rule ids", s.rules.join(", "))));
        }
    }
    let files = &run.files;
    for f in run.findings.iter_mut() {
        let Some(loc) = f.location else { continue };
        let (line, _) = files.get(loc.file).line_col(loc.start as usize);
        for s in sups.iter_mut() {
            let live = s.until.as_deref().is_none_or(|u| u >= today.as_str()) && s.reason.is_some();
            if s.file == loc.file
                && s.lines.0 <= line
                && line <= s.lines.1
                && s.rules.iter().any(|r| r == f.rule)
            {
                s.used = true;
                if live && f.suppression.is_none() {
                    f.suppression = s.reason.clone();
                }
            }
        }
    }
    for s in &sups {
        if !s.used {
            extra.push(meta_finding(
                1,
                s,
                format!(
                    "this suppression of {} silences nothing; remove it",
                    s.rules.join(", ")
                ),
            ));
        }
    }
    run.findings.extend(extra);
}

fn meta_finding(kind: usize, s: &Suppression, message: String) -> Finding {
    let (rule, severity, _) = SUPPRESSION_RULES[kind];
    Finding {
        rule,
        severity,
        message,
        help: ["write `# authwire:ignore <rule-id> -- <why this is safe>`", "remove the comment (or fix its rule ids or placement: it covers the block or attribute right below it)", "fix the finding, or renew the suppression with a new until= date and a reason"][kind].into(),
        resource: String::new(),
        location: Some(s.span),
        related: Vec::<Related>::new(),
        path: String::new(),
        suppression: None,
    }
}

// ---------------------------------------------------------------------------------- baseline

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub resource: String,
    pub message: String,
}

pub fn write_baseline(run: &Run, path: &Path) -> std::io::Result<usize> {
    let mut findings: Vec<BaselineEntry> = run
        .findings
        .iter()
        .filter(|f| f.suppression.is_none() && f.severity > Severity::Note)
        .map(|f| BaselineEntry {
            fingerprint: f.fingerprint(),
            rule: f.rule.to_string(),
            resource: f.resource.clone(),
            message: f.message.clone(),
        })
        .collect();
    findings.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let n = findings.len();
    let doc = Baseline {
        version: 1,
        findings,
    };
    std::fs::write(
        path,
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n",
    )?;
    Ok(n)
}

pub fn read_baseline(path: &Path, files: &mut Files) -> Result<Baseline, Diag> {
    let name = crate::source::display_path(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diag::file(format!("cannot read baseline {name}: {e}"), name.clone()))?;
    let id = files.add(name, text.clone());
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        let off = crate::load::offset_of(&text, e.line(), e.column());
        Diag::at(
            format!("invalid baseline: {e}"),
            Span::new(id, off..off + 1),
        )
    })?;
    if b.version != 1 {
        return Err(Diag::at(
            format!(
                "invalid baseline: version {} is not supported (1 is)",
                b.version
            ),
            Span::new(id, 0..1),
        ));
    }
    Ok(b)
}

/// Drops findings the baseline knows; returns the baseline entries that no longer occur (fixed).
pub fn apply_baseline(run: &mut Run, b: &Baseline) -> Vec<BaselineEntry> {
    let known: BTreeSet<&str> = b.findings.iter().map(|e| e.fingerprint.as_str()).collect();
    let current: BTreeSet<String> = run.findings.iter().map(Finding::fingerprint).collect();
    run.findings
        .retain(|f| !known.contains(f.fingerprint().as_str()));
    b.findings
        .iter()
        .filter(|e| !current.contains(&e.fingerprint))
        .cloned()
        .collect()
}
