//! Renderers: one function per format over the same findings.

pub mod json;
pub mod text;

use crate::build::Run;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn render(run: &Run, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(run, color),
        Format::Json => json::render(run),
    }
}
