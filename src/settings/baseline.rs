//! Baselines: today's findings recorded by rule, resource and attribute path; a later run reports
//! only new ones and lists the fixed ones.

use crate::diag::Diag;
use crate::finding::{Finding, Severity};
use crate::lint::Run;
use crate::source::{Files, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

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
    let text = crate::input::read_string(path)
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
