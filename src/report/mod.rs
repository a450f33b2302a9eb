//! Renderers: one function per format over the same findings.

pub mod ci;
pub mod json;
pub mod sarif;
pub mod text;

use crate::lint::Run;

/// Where a rule's documentation lives: its section of the generated rules reference (SARIF
/// `helpUri`, the text report's reference line, `rules --format json`).
pub fn rule_doc_url(id: &str) -> String {
    format!("https://github.com/authwire/authwire/blob/main/docs/rules.md#{id}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Checkstyle,
    Github,
    /// One line per finding: `file:line:col: severity rule: message`.
    Compact,
    /// GitLab Code Quality JSON (the merge request's code quality widget).
    Gitlab,
}

impl Format {
    /// The format an output file's extension names, when it names exactly one.
    pub fn from_extension(p: &std::path::Path) -> Option<Format> {
        let n = p.file_name()?.to_string_lossy().to_ascii_lowercase();
        if n.ends_with(".sarif") || n.ends_with(".sarif.json") {
            Some(Format::Sarif)
        } else if n.ends_with(".junit.xml") {
            Some(Format::Junit)
        } else if n.ends_with(".checkstyle.xml") {
            Some(Format::Checkstyle)
        } else if n.ends_with("gl-code-quality-report.json") || n.ends_with(".codequality.json") {
            Some(Format::Gitlab)
        } else if n.ends_with(".json") {
            Some(Format::Json)
        } else if n.ends_with(".txt") {
            Some(Format::Text)
        } else {
            None
        }
    }
}

pub fn render(run: &Run, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(run, color),
        Format::Json => json::render(run),
        Format::Sarif => sarif::render(run),
        Format::Junit => ci::junit(run),
        Format::Checkstyle => ci::checkstyle(run),
        Format::Github => ci::github(run),
        Format::Compact => ci::compact(run),
        Format::Gitlab => ci::gitlab(run),
    }
}
