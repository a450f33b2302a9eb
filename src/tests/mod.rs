//! Tests live under `src/` because the repository's top level is fixed (Cargo.toml, src/,
//! rules/, testdata/, README.md). Fixtures are under `rules/*/{pass,fail}` and `testdata/`.

mod cli;
mod conformance;
mod eval;
mod fuzz_smoke;
mod rule_fixtures;
mod settings;
mod token;

use crate::finding::Finding;
use crate::lint::{self, Run};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lints paths (relative to the crate root) with every rule.
pub fn lint(paths: &[&str]) -> Run {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let mut run = lint::run(&paths, &[], &crate::rules::all());
    // inline suppressions as `authwire lint` applies them, on a fixed date
    crate::settings::apply_suppressions(&mut run, Some("2026-01-01"));
    lint::sort_findings(&mut run);
    run
}

/// `file:line:col severity rule message` lines, with related locations indented.
pub fn describe(run: &Run, only_rule: Option<&str>) -> String {
    let mut s = String::new();
    let loc = |sp: Option<crate::source::Span>| match sp {
        Some(sp) => {
            let l = run.files.location(sp);
            format!("{}:{}:{}", l.file, l.line, l.column)
        }
        None => "-".into(),
    };
    for f in run
        .findings
        .iter()
        .filter(|f: &&Finding| only_rule.is_none_or(|r| f.rule == r))
    {
        s.push_str(&format!(
            "{} {} {} [{}] {}\n",
            loc(f.location),
            f.severity.as_str(),
            f.rule,
            f.resource,
            f.message
        ));
        if !f.help.is_empty() {
            s.push_str(&format!("    help: {}\n", f.help));
        }
        for r in &f.related {
            s.push_str(&format!(
                "    related {} [{}] {}\n",
                loc(r.location),
                r.resource,
                r.message
            ));
        }
    }
    for e in &run.errors {
        let l = e
            .location(&run.files)
            .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
            .unwrap_or_default();
        s.push_str(&format!("{l} input-error {}\n", e.message));
    }
    s
}

pub fn rel(p: &Path) -> String {
    p.strip_prefix(root())
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A fresh directory under the system's temporary directory, removed when dropped (also when
/// the test panics).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let d = std::env::temp_dir().join(format!("authwire-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        TempDir(d)
    }
    pub fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Makes a FIFO (named pipe) with mkfifo(1).
#[cfg(unix)]
pub fn mkfifo(p: &Path) {
    let st = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap();
    assert!(st.success(), "mkfifo {}", p.display());
}

/// Runs `f` on its own thread and fails the test when it has not returned within 20 seconds
/// (an input that blocks the run fails the test instead of hanging it). Returns the result and
/// how long it took.
pub fn within<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> (T, std::time::Duration) {
    let (tx, rx) = std::sync::mpsc::channel();
    let start = std::time::Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(v) => (v, start.elapsed()),
        Err(_) => panic!("the run blocked for 20 s"),
    }
}
