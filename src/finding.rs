//! Findings rules emit.

use crate::source::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Related {
    pub message: String,
    pub resource: String,
    pub location: Option<Span>,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong and why AWS cares.
    pub message: String,
    /// How to fix it.
    pub help: String,
    pub resource: String,
    pub location: Option<Span>,
    pub related: Vec<Related>,
    /// Attribute path of the location in the resource (`authorization_scopes`, `alias.0.name`),
    /// when known: part of the baseline fingerprint, which must survive line moves.
    pub path: String,
    /// The justification of an inline suppression that silenced this finding.
    pub suppression: Option<String>,
}

impl Finding {
    /// Identity of a finding across edits: rule, resource address, attribute path.
    pub fn fingerprint(&self) -> String {
        format!("{}|{}|{}", self.rule, self.resource, self.path)
    }
}

/// Control characters of a message (from values of the configuration: ESC sequences, carriage
/// returns, C1 controls) written as `\u{..}` escapes, so no report can drive a terminal or a CI
/// log; newlines and tabs stay.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}
