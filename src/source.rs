//! Source files, byte spans and line/column locations.

use serde::Serialize;

/// A byte range inside one loaded file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: u32, range: std::ops::Range<usize>) -> Span {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }
    /// True when `other` lies inside this span (same file).
    pub fn contains(&self, other: &Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }
}

/// One input file kept for diagnostics.
pub struct SourceFile {
    /// Path as shown to the user: relative to the current directory, `/`-separated.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: String, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    /// The byte offset of a 1-based line and a 0-based column in characters (clamped to the
    /// line), `None` past the last line.
    pub fn offset(&self, line: usize, col: usize) -> Option<usize> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_end(start);
        let mut o = start;
        for (i, (b, _)) in self.text[start..end].char_indices().enumerate() {
            if i == col {
                return Some(start + b);
            }
            o = start + b;
        }
        Some(if col == 0 { start } else { o })
    }
    /// `offset` clamped to the text and moved back to the start of its character: spans are
    /// byte offsets, and text is only ever cut at character boundaries.
    pub fn floor_char(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }
    /// The end of the line holding a byte offset (before its newline).
    pub fn line_end(&self, offset: usize) -> usize {
        let offset = self.floor_char(offset);
        self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i)
    }
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut o = offset;
        while o > start && !self.text.is_char_boundary(o) {
            o -= 1;
        }
        let col = self.text[start..o].chars().count() + 1;
        (line + 1, col)
    }
}

/// All files of a run, indexed by `Span::file`.
#[derive(Default)]
pub struct Files {
    pub files: Vec<SourceFile>,
}

impl Files {
    pub fn add(&mut self, name: String, text: String) -> u32 {
        self.files.push(SourceFile::new(name, text));
        (self.files.len() - 1) as u32
    }
    pub fn get(&self, id: u32) -> &SourceFile {
        &self.files[id as usize]
    }
    pub fn location(&self, span: Span) -> Location {
        let f = self.get(span.file);
        let (line, column) = f.line_col(span.start as usize);
        let (end_line, end_column) = f.line_col(span.end as usize);
        Location {
            file: f.name.clone(),
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// A resolved location, as it appears in reports (design §6).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Display form of a path: relative to the current directory when below it, `/`-separated.
pub fn display_path(p: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd
        .as_ref()
        .and_then(|c| p.strip_prefix(c).ok())
        .unwrap_or(p);
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    if s.is_empty() { ".".into() } else { s }
}
