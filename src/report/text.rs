//! `--format text`: miette diagnostics, the wrong attribute underlined, the other side of the
//! join labelled, the fix as help.

use crate::finding::Severity;
use crate::lint::Run;
use crate::source::{Files, Span};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;

#[derive(Debug)]
struct Diag {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    src: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Diag>,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        if self.code.is_empty() {
            None
        } else {
            Some(Box::new(&self.code))
        }
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}

/// Whether a span's lines are short enough to draw as a snippet (miette cannot draw columns past
/// 65,535, and a minified .tf.json line is no snippet anyway): long lines are reported by
/// location only, clipped, never a panic.
fn drawable(files: &Files, s: Span) -> bool {
    let f = files.get(s.file);
    let start = f.floor_char(s.start as usize);
    let end = f.floor_char(s.end as usize).max(start);
    let line_start = f.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = f.line_end(end);
    line_end - line_start <= 2000
}

fn src(files: &Files, s: Span) -> NamedSource<String> {
    let f = files.get(s.file);
    NamedSource::new(f.name.clone(), f.text.clone()).with_language("hcl")
}

fn label(files: &Files, s: Span, text: &str) -> LabeledSpan {
    let f = files.get(s.file);
    let start = f.floor_char(s.start as usize);
    let end = f.floor_char(s.end as usize).max(start);
    LabeledSpan::new(Some(text.to_string()), start, end - start)
}

pub fn render(run: &Run, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // wrapped to the terminal's width (COLUMNS, else 100); full width when piped or written to a
    // file, so a log line is never cut
    let width = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|w| *w >= 40)
            .unwrap_or(100)
    } else {
        10_000
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width);
    let files = &run.files;
    let mut out = String::new();
    for e in &run.errors {
        let d = Diag {
            message: match e.location(files) {
                Some(l) => format!("{}:{}:{}: {}", l.file, l.line, l.column, e.message),
                None => e.message.clone(),
            },
            code: "error".into(),
            severity: miette::Severity::Error,
            help: None,
            src: e
                .span
                .filter(|s| drawable(files, *s))
                .map(|s| src(files, s)),
            labels: e
                .span
                .filter(|s| drawable(files, *s))
                .map(|s| vec![label(files, s, "here")])
                .unwrap_or_default(),
            related: vec![],
        };
        let _ = handler.render_report(&mut out, &d);
    }
    for f in run.findings.iter().filter(|f| f.suppression.is_none()) {
        let mut related = Vec::new();
        let mut labels = Vec::new();
        let loc = f.location.filter(|s| drawable(files, *s));
        if let Some(s) = loc {
            labels.push(label(files, s, "here"));
        }
        for r in &f.related {
            // the other side of the join in the same snippet when it is near; far away (or in
            // another file) it gets its own snippet
            let near = |a: Span, b: Span| {
                let (la, lb) = (
                    files.get(a.file).line_col(a.start as usize).0,
                    files.get(b.file).line_col(b.start as usize).0,
                );
                la.abs_diff(lb) <= 12
            };
            match (r.location.filter(|s| drawable(files, *s)), loc) {
                (Some(rs), Some(fs))
                    if rs.file == fs.file
                        && !(rs.start == fs.start && rs.end == fs.end)
                        && near(rs, fs) =>
                {
                    labels.push(label(files, rs, &format!("{}: {}", r.resource, r.message)))
                }
                (Some(rs), _) => related.push(Diag {
                    message: format!("{}: {}", r.resource, r.message),
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    help: None,
                    src: Some(src(files, rs)),
                    labels: vec![label(files, rs, &r.message)],
                    related: vec![],
                }),
                (None, _) => related.push(Diag {
                    message: format!("{}: {}", r.resource, r.message),
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    help: None,
                    src: None,
                    labels: vec![],
                    related: vec![],
                }),
            }
        }
        let d = Diag {
            message: {
                let m = if f.resource.is_empty() {
                    f.message.clone()
                } else {
                    format!("{} ({})", f.message, f.resource)
                };
                // a location that cannot be drawn is still named
                match f.location.filter(|_| loc.is_none()) {
                    Some(sp) => {
                        let l = files.location(sp);
                        format!("{}:{}:{}: {m}", l.file, l.line, l.column)
                    }
                    None => m,
                }
            },
            code: f.rule.to_string(),
            severity: match f.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Note => miette::Severity::Advice,
            },
            help: Some(
                [
                    f.help.clone(),
                    format!("reference: {}", super::rule_doc_url(f.rule)),
                ]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            ),
            src: loc.map(|s| src(files, s)),
            labels,
            related,
        };
        let _ = handler.render_report(&mut out, &d);
    }
    out
}

pub fn summary(run: &Run) -> String {
    let c = |s: Severity| {
        run.findings
            .iter()
            .filter(|f| f.severity == s && f.suppression.is_none())
            .count()
    };
    let suppressed = run
        .findings
        .iter()
        .filter(|f| f.suppression.is_some())
        .count();
    let mut s = format!(
        "authwire: {} error(s), {} warning(s), {} note(s) in {} resource(s); {} input error(s)",
        c(Severity::Error),
        c(Severity::Warning),
        c(Severity::Note),
        run.resources,
        run.errors.len()
    );
    if suppressed > 0 {
        s.push_str(&format!("; {suppressed} suppressed"));
    }
    if !run.fixed.is_empty() {
        s.push_str(&format!("; {} fixed since the baseline", run.fixed.len()));
    }
    s
}
