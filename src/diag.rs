//! Load and usage errors: reported with a location, they make the exit code 2.

use crate::source::{Files, Location, Span};

#[derive(Clone, Debug)]
pub struct Diag {
    pub message: String,
    pub span: Option<Span>,
    /// For errors about a file with no loaded text (unreadable, not UTF-8): its display path.
    pub file: Option<String>,
}

impl Diag {
    pub fn at(message: impl Into<String>, span: Span) -> Diag {
        Diag {
            message: message.into(),
            span: Some(span),
            file: None,
        }
    }
    pub fn file(message: impl Into<String>, file: impl Into<String>) -> Diag {
        Diag {
            message: message.into(),
            span: None,
            file: Some(file.into()),
        }
    }
    pub fn plain(message: impl Into<String>) -> Diag {
        Diag {
            message: message.into(),
            span: None,
            file: None,
        }
    }
    pub fn location(&self, files: &Files) -> Option<Location> {
        match (&self.span, &self.file) {
            (Some(s), _) => Some(files.location(*s)),
            (None, Some(f)) => Some(Location {
                file: f.clone(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            }),
            _ => None,
        }
    }
}
