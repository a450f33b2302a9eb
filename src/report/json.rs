//! `--format json`, version 1 (design §6).

use crate::finding::Severity;
use crate::lint::Run;
use crate::source::Location;
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<F<'a>>,
    errors: Vec<E>,
    summary: Summary,
    /// Baseline findings that no longer occur (with --baseline).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    fixed: &'a [String],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct F<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    help: &'a str,
    resource: &'a str,
    location: Option<Location>,
    related: Vec<R<'a>>,
    /// The reason of the inline suppression that silenced it (null when not suppressed).
    suppressed: Option<&'a str>,
}

#[derive(Serialize)]
struct R<'a> {
    message: &'a str,
    resource: &'a str,
    location: Option<Location>,
}

#[derive(Serialize)]
struct E {
    message: String,
    location: Option<Location>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    resources: usize,
    error: usize,
    warning: usize,
    note: usize,
}

pub fn render(run: &Run) -> String {
    let files = &run.files;
    let count = |s: Severity| {
        run.findings
            .iter()
            .filter(|f| f.severity == s && f.suppression.is_none())
            .count()
    };
    let doc = Doc {
        version: 1,
        tool: Tool {
            name: "authwire",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings: run
            .findings
            .iter()
            .map(|f| F {
                rule: f.rule,
                severity: f.severity,
                message: &f.message,
                help: &f.help,
                resource: &f.resource,
                location: f.location.map(|s| files.location(s)),
                related: f
                    .related
                    .iter()
                    .map(|r| R {
                        message: &r.message,
                        resource: &r.resource,
                        location: r.location.map(|s| files.location(s)),
                    })
                    .collect(),
                suppressed: f.suppression.as_deref(),
            })
            .collect(),
        fixed: &run.fixed,
        errors: run
            .errors
            .iter()
            .map(|e| E {
                message: e.message.clone(),
                location: e.location(files),
            })
            .collect(),
        summary: Summary {
            files: files
                .files
                .iter()
                .filter(|f| !f.name.starts_with('<'))
                .count(),
            resources: run.resources,
            error: count(Severity::Error),
            warning: count(Severity::Warning),
            note: count(Severity::Note),
        },
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
