//! Renderers: one function per format over the same findings.

pub mod ci;
pub mod json;
pub mod sarif;
pub mod text;

use crate::lint::Run;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Checkstyle,
    Github,
}

pub fn render(run: &Run, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(run, color),
        Format::Json => json::render(run),
        Format::Sarif => sarif::render(run),
        Format::Junit => ci::junit(run),
        Format::Checkstyle => ci::checkstyle(run),
        Format::Github => ci::github(run),
    }
}
