//! Inline suppressions (`# authwire:ignore rule -- reason`, file-level, `until=`), and the
//! meta-findings about them (reasonless, unused, expired).

use crate::diag::Diag;
use crate::finding::{Finding, Related};
use crate::lint::Run;
use crate::source::{Files, Span};
use std::collections::BTreeSet;

/// The meta-rules this pass reports (rules/suppression-*/): reasonless, unused, expired.
pub const SUPPRESSION_RULES: [&str; 3] = [
    "suppression-reason",
    "suppression-unused",
    "suppression-expired",
];

struct Suppression {
    rules: Vec<String>,
    reason: Option<String>,
    until: Option<String>,
    /// The comment itself.
    span: Span,
    /// Lines (1-based, inclusive) it covers; the whole file for the file-level form.
    lines: (usize, usize),
    file: u32,
    used: bool,
}

/// Byte offset of each line start.
fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    v
}

/// The last line of the block or attribute that starts on `line` (brackets balanced, strings skipped).
fn extent(lines: &[&str], line: usize) -> usize {
    let mut depth = 0i32;
    let mut opened = false;
    for (i, l) in lines.iter().enumerate().skip(line) {
        let mut in_str = false;
        let mut prev = ' ';
        for c in l.chars() {
            if in_str {
                if c == '"' && prev != '\\' {
                    in_str = false;
                }
            } else {
                match c {
                    '"' => in_str = true,
                    '#' => break,
                    '/' if prev == '/' => break,
                    '{' | '[' | '(' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' | ']' | ')' => depth -= 1,
                    _ => {}
                }
            }
            prev = c;
        }
        if depth <= 0 && (opened || i == line) {
            return i;
        }
    }
    lines.len().saturating_sub(1)
}

/// Which lines are the content of a heredoc string (`<<EOT` … `EOT`, `<<-EOT` … `  EOT`), as the
/// HCL lexer reads them: a `#` there is text, not a comment.
fn heredoc_lines(lines: &[&str]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        // the opener ends its line: `<<EOT` or `<<-EOT` outside a comment
        let code = l.split('#').next().unwrap_or(l);
        let code = code.split("//").next().unwrap_or(code).trim_end();
        let marker = code.rfind("<<").and_then(|p| {
            let rest = code[p + 2..].trim_start_matches('-');
            (!rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .then(|| rest.to_string())
        });
        i += 1;
        if let Some(id) = marker {
            while i < lines.len() && lines[i].trim() != id {
                out[i] = true;
                i += 1;
            }
            i += 1; // the closing line
        }
    }
    out
}

fn parse_comments(
    files: &Files,
    file: u32,
    known: &BTreeSet<&str>,
    errors: &mut Vec<Diag>,
) -> Vec<Suppression> {
    let f = files.get(file);
    if !(f.name.ends_with(".tf") || f.name.ends_with(".tf.json")) {
        return vec![];
    }
    let text = &f.text;
    let starts = line_starts(text);
    let lines: Vec<&str> = text.lines().collect();
    let heredoc = heredoc_lines(&lines);
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        // text inside a heredoc string is a value, not a comment
        if heredoc[i] {
            continue;
        }
        let t = l.trim_start();
        let body = if let Some(b) = t.strip_prefix('#') {
            b
        } else if let Some(b) = t.strip_prefix("//") {
            b
        } else {
            continue;
        };
        let body = body.trim();
        let (file_level, rest) = if let Some(r) = body.strip_prefix("authwire:ignore-file") {
            (true, r)
        } else if let Some(r) = body.strip_prefix("authwire:ignore") {
            (false, r)
        } else {
            continue;
        };
        let col = l.len() - t.len();
        let span = Span::new(file, starts[i] + col..starts[i] + l.len());
        let (head, reason) = match rest.split_once("--") {
            Some((h, r)) => (h, Some(r.trim().to_string()).filter(|r| !r.is_empty())),
            None => (rest, None),
        };
        let mut rules = Vec::new();
        let mut until = None;
        for tok in head.split_whitespace() {
            if let Some(d) = tok.strip_prefix("until=") {
                let ok =
                    d.len() == 10 && crate::dates::parse_time(&format!("{d}T00:00:00Z")).is_some();
                if !ok {
                    errors.push(Diag::at(
                        format!("malformed suppression: until={d} is not a date (YYYY-MM-DD)"),
                        span,
                    ));
                }
                until = Some(d.to_string());
            } else {
                for r in tok.split(',').filter(|r| !r.is_empty()) {
                    if !known.contains(r) {
                        errors.push(Diag::at(format!("malformed suppression: no rule named {r} (`authwire rules` lists them)"), span));
                    }
                    rules.push(r.to_string());
                }
            }
        }
        if rules.is_empty() {
            errors.push(Diag::at("malformed suppression: name the rule(s) to ignore: `# authwire:ignore <rule-id> -- <reason>`", span));
            continue;
        }
        let lines_cov = if file_level {
            (1, lines.len())
        } else {
            // the next line that is not blank and not a comment
            let next = (i + 1..lines.len()).find(|&j| {
                let s = lines[j].trim_start();
                !s.is_empty() && !s.starts_with('#') && !s.starts_with("//")
            });
            match next {
                Some(n) => (n + 1, extent(&lines, n) + 1),
                None => (0, 0),
            }
        };
        out.push(Suppression {
            rules,
            reason,
            until,
            span,
            lines: lines_cov,
            file,
            used: false,
        });
    }
    out
}

fn today() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::dates::rfc3339(now)[..10].to_string()
}

/// Marks findings silenced by inline comments, and reports reasonless, expired and unused
/// suppressions as findings. Malformed comments are input errors (exit 2).
pub fn apply_suppressions(run: &mut Run, today_override: Option<&str>) {
    let known: BTreeSet<&str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
    let today = today_override.map(String::from).unwrap_or_else(today);
    let mut sups = Vec::new();
    for id in 0..run.files.files.len() as u32 {
        if run.scope.as_ref().is_some_and(|s| !s.contains(&id)) {
            continue;
        }
        sups.extend(parse_comments(&run.files, id, &known, &mut run.errors));
    }
    if sups.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    for s in sups.iter_mut() {
        let expired = s.until.as_deref().is_some_and(|u| u < today.as_str());
        if expired {
            extra.push(meta_finding(2, s, format!("this suppression of {} expired on {}; the findings it silenced are reported again", s.rules.join(", "), s.until.as_deref().unwrap_or(""))));
            s.used = true; // do not also call it unused
            continue;
        }
        if s.reason.is_none() {
            extra.push(meta_finding(0, s, format!("this suppression of {} gives no reason; write `-- <why this is safe>` after the rule ids", s.rules.join(", "))));
        }
    }
    let files = &run.files;
    for f in run.findings.iter_mut() {
        let Some(loc) = f.location else { continue };
        let (line, _) = files.get(loc.file).line_col(loc.start as usize);
        for s in sups.iter_mut() {
            let live = s.until.as_deref().is_none_or(|u| u >= today.as_str()) && s.reason.is_some();
            if s.file == loc.file
                && s.lines.0 <= line
                && line <= s.lines.1
                && s.rules.iter().any(|r| r == f.rule)
            {
                s.used = true;
                if live && f.suppression.is_none() {
                    f.suppression = s.reason.clone();
                }
            }
        }
    }
    for s in &sups {
        if !s.used {
            extra.push(meta_finding(
                1,
                s,
                format!(
                    "this suppression of {} silences nothing; remove it",
                    s.rules.join(", ")
                ),
            ));
        }
    }
    // identity for baselines and SARIF: the file and the comment's text
    for f in extra.iter_mut() {
        if let Some(sp) = f.location {
            let sf = run.files.get(sp.file);
            let text = sf
                .text
                .get(sp.start as usize..sp.end as usize)
                .unwrap_or("")
                .trim();
            f.path = format!("{}:{text}", sf.name);
        }
    }
    run.findings.extend(extra);
}

fn meta_finding(kind: usize, s: &Suppression, message: String) -> Finding {
    // the meta-rules are rules of the registry: their metadata lives in rules/suppression-*/
    let meta = crate::rules::find(SUPPRESSION_RULES[kind])
        .map(|r| r.meta())
        .expect("the suppression meta-rules are registered");
    Finding {
        rule: meta.id,
        severity: meta.severity,
        message,
        help: ["write `# authwire:ignore <rule-id> -- <why this is safe>`", "remove the comment (or fix its rule ids or placement: it covers the block or attribute right below it)", "fix the finding, or renew the suppression with a new until= date and a reason"][kind].into(),
        resource: String::new(),
        location: Some(s.span),
        related: Vec::<Related>::new(),
        path: String::new(),
        suppression: None,
    }
}
