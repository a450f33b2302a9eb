//! SARIF 2.1.0 for GitHub code scanning (serde-sarif types): rules with help from the rule docs,
//! relative artifact URIs, regions with lines and columns, related locations, suppressions.

use crate::finding::Severity;
use crate::lint::Run;
use crate::source::{Files, Span};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    Result as SResult, ResultLevel, Sarif, Suppression, Tool, ToolComponent,
};

/// Code scanning's `security-severity` (a CVSS-like score: ≥ 7 high, ≥ 4 medium, else low) and
/// tags: every rule guards who may call an API, so they are security findings.
fn properties(id: &str, s: Severity) -> PropertyBag {
    let area = id.split('-').next().unwrap_or("");
    let score = match s {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Note => "2.0",
    };
    let mut extra = std::collections::BTreeMap::new();
    extra.insert("security-severity".to_string(), serde_json::json!(score));
    PropertyBag::builder()
        .tags(vec![
            "security".to_string(),
            "terraform".to_string(),
            area.to_string(),
        ])
        .additional_properties(extra)
        .build()
}

/// Where artifact paths are made relative to: the repository root (the nearest directory upward
/// holding `.git`, else the working directory), found once per report.
struct Root {
    cwd: std::path::PathBuf,
    base: std::path::PathBuf,
}

impl Root {
    fn find() -> Root {
        let cwd = std::env::current_dir().unwrap_or_default();
        let top = cwd.ancestors().find(|d| d.join(".git").exists());
        let base = std::fs::canonicalize(top.unwrap_or(&cwd)).unwrap_or_else(|_| cwd.clone());
        Root { cwd, base }
    }

    /// An artifact URI relative to the root, percent-encoded, with `%SRCROOT%` as its base.
    fn artifact(&self, file: &str) -> ArtifactLocation {
        let joined = self.cwd.join(file);
        let abs = std::fs::canonicalize(&joined).unwrap_or(joined);
        let uri = match abs.strip_prefix(&self.base) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => file.replace('\\', "/"),
        };
        ArtifactLocation::builder()
            .uri(encode_uri(&uri))
            .uri_base_id("%SRCROOT%".to_string())
            .build()
    }
}

/// Percent-encodes what a URI path cannot hold as is (RFC 3986; `/` kept).
fn encode_uri(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                o.push(b as char)
            }
            _ => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn location(root: &Root, files: &Files, span: Span, message: Option<&str>) -> Location {
    let l = files.location(span);
    let region = Region::builder()
        .start_line(l.line as i64)
        .start_column(l.column as i64)
        .end_line(l.end_line as i64)
        .end_column(l.end_column as i64)
        .build();
    let phys = PhysicalLocation::builder()
        .artifact_location(root.artifact(&l.file))
        .region(region)
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(phys)
            .message(Message::builder().text(m.to_string()).build())
            .build(),
        None => Location::builder().physical_location(phys).build(),
    }
}

pub fn render(run: &Run) -> String {
    let root = Root::find();
    let rules = crate::rules::all();
    let descriptors: Vec<ReportingDescriptor> = rules
        .iter()
        .map(|r| {
            let m = r.meta();
            ReportingDescriptor::builder()
                .id(m.id.to_string())
                .name(m.id.to_string())
                .short_description(
                    MultiformatMessageString::builder()
                        .text(m.title.to_string())
                        .build(),
                )
                .full_description(
                    MultiformatMessageString::builder()
                        .text(m.title.to_string())
                        .build(),
                )
                // the documentation once, as Markdown (code scanning shows it); the plain text
                // points at it
                .help(
                    MultiformatMessageString::builder()
                        .text(format!(
                            "{}. Documentation: {}",
                            m.title,
                            super::rule_doc_url(m.id)
                        ))
                        .markdown(m.docs.to_string())
                        .build(),
                )
                .help_uri(super::rule_doc_url(m.id))
                .properties(properties(m.id, m.severity))
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::json!(level(m.severity)))
                        .build(),
                )
                .build()
        })
        .collect();
    let results: Vec<SResult> = run
        .findings
        .iter()
        .map(|f| {
            let text = if f.help.is_empty() {
                f.message.clone()
            } else {
                format!("{} Fix: {}", f.message, f.help)
            };
            let lvl = match f.severity {
                Severity::Error => ResultLevel::Error,
                Severity::Warning => ResultLevel::Warning,
                Severity::Note => ResultLevel::Note,
            };
            let mut fp = std::collections::BTreeMap::new();
            fp.insert("authwire/v1".to_string(), f.fingerprint());
            let related: Vec<Location> = f
                .related
                .iter()
                .filter_map(|r| {
                    r.location.map(|s| {
                        location(
                            &root,
                            &run.files,
                            s,
                            Some(&format!("{}: {}", r.resource, r.message)),
                        )
                    })
                })
                .collect();
            let rule_index = rules
                .iter()
                .position(|r| r.meta().id == f.rule)
                .unwrap_or(0) as i64;
            let base = SResult::builder()
                .rule_id(f.rule.to_string())
                .rule_index(rule_index)
                .level(lvl)
                .message(Message::builder().text(text).build())
                .partial_fingerprints(fp);
            let locs: Vec<Location> = f
                .location
                .map(|s| location(&root, &run.files, s, None))
                .into_iter()
                .collect();
            let sup: Vec<Suppression> = f
                .suppression
                .iter()
                .map(|s| {
                    Suppression::builder()
                        .kind(serde_json::json!("inSource"))
                        .justification(s.clone())
                        .build()
                })
                .collect();
            match (locs.is_empty(), related.is_empty(), sup.is_empty()) {
                (false, false, false) => base
                    .locations(locs)
                    .related_locations(related)
                    .suppressions(sup)
                    .build(),
                (false, false, true) => base.locations(locs).related_locations(related).build(),
                (false, true, false) => base.locations(locs).suppressions(sup).build(),
                (false, true, true) => base.locations(locs).build(),
                (true, false, false) => base.related_locations(related).suppressions(sup).build(),
                (true, false, true) => base.related_locations(related).build(),
                (true, true, false) => base.suppressions(sup).build(),
                (true, true, true) => base.build(),
            }
        })
        .collect();
    // with a baseline, every result left is new since it
    let mut results = results;
    if run.baselined {
        for r in results.iter_mut() {
            r.baseline_state = Some(serde_json::json!("new"));
        }
    }
    let driver = ToolComponent::builder()
        .name("authwire".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri("https://github.com/authwire/authwire".to_string())
        .rules(descriptors)
        .build();
    // an input that could not be read makes the run unsuccessful, whatever the results say:
    // code scanning then shows the run as failed instead of a clean (green) one
    let notifications: Vec<Notification> = run
        .errors
        .iter()
        .map(|e| {
            let msg = Message::builder().text(e.message.clone()).build();
            let at: Option<Location> = match (e.span, &e.file) {
                (Some(sp), _) => Some(location(&root, &run.files, sp, None)),
                (None, Some(f)) => Some(
                    Location::builder()
                        .physical_location(
                            PhysicalLocation::builder()
                                .artifact_location(root.artifact(f))
                                .build(),
                        )
                        .build(),
                ),
                _ => None,
            };
            match at {
                Some(l) => Notification::builder()
                    .message(msg)
                    .level(serde_json::json!("error"))
                    .locations(vec![l])
                    .build(),
                None => Notification::builder()
                    .message(msg)
                    .level(serde_json::json!("error"))
                    .build(),
            }
        })
        .collect();
    let invocation = if notifications.is_empty() {
        Invocation::builder().execution_successful(true).build()
    } else {
        Invocation::builder()
            .execution_successful(false)
            .tool_execution_notifications(notifications)
            .build()
    };
    let run_obj = serde_sarif::sarif::Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .results(results)
        .build();
    let doc = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json".to_string())
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run_obj])
        .build();
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
