//! JUnit XML (quick-junit), checkstyle XML and GitHub workflow commands.

use crate::finding::Severity;
use crate::lint::Run;
use md5::Digest;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// One test suite per rule; one failing test case per finding (rule × resource), one passing
/// case for a rule that found nothing. Suppressed findings are skipped cases.
pub fn junit(run: &Run) -> String {
    let mut report = Report::new("authwire");
    // the inputs themselves: one failing case per input that could not be read or evaluated,
    // so a broken root never looks green
    let mut inputs = TestSuite::new("inputs");
    if run.errors.is_empty() {
        inputs.add_test_case(TestCase::new("all inputs read", TestCaseStatus::success()));
    }
    for e in &run.errors {
        let name = input_at(run, e, "input");
        let mut st = TestCaseStatus::non_success(NonSuccessKind::Error);
        st.set_message(e.message.clone());
        st.set_type("input error");
        let mut case = TestCase::new(name, st);
        case.set_classname("inputs");
        inputs.add_test_case(case);
    }
    report.add_test_suite(inputs);
    for r in crate::rules::all() {
        let id = r.meta().id;
        let mut suite = TestSuite::new(id);
        let mine: Vec<_> = run.findings.iter().filter(|f| f.rule == id).collect();
        if mine.is_empty() {
            suite.add_test_case(TestCase::new("all resources", TestCaseStatus::success()));
        }
        for f in mine {
            let loc = f.location.map(|s| {
                let l = run.files.location(s);
                format!("{}:{}:{}", l.file, l.line, l.column)
            });
            let text = format!(
                "{}{}\n{}",
                loc.map(|l| format!("{l}: ")).unwrap_or_default(),
                f.message,
                f.help
            );
            let status = if f.suppression.is_some() {
                TestCaseStatus::skipped()
            } else if f.severity == Severity::Note {
                // "cannot verify" notes are information, not failures
                TestCaseStatus::success()
            } else {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(f.message.clone());
                s.set_type(f.severity.as_str());
                s.set_description(text.clone());
                s
            };
            let mut case = TestCase::new(f.resource.clone(), status);
            case.set_classname(id);
            case.set_system_out(text);
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report.to_string().unwrap_or_default()
}

/// Where an input error is: its file and, when it has a span, line and column.
fn input_place(run: &Run, e: &crate::diag::Diag) -> Option<(String, Option<(usize, usize)>)> {
    match (e.location(&run.files), &e.file) {
        (Some(l), _) => Some((l.file, Some((l.line, l.column)))),
        (None, Some(f)) => Some((f.clone(), None)),
        _ => None,
    }
}

/// `file:line:col` (or the file alone) of an input error, `fallback` when it has neither.
fn input_at(run: &Run, e: &crate::diag::Diag, fallback: &str) -> String {
    match input_place(run, e) {
        Some((f, Some((l, c)))) => format!("{f}:{l}:{c}"),
        Some((f, None)) => f,
        None => fallback.to_string(),
    }
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// checkstyle XML: findings grouped by file (findings without a file under the resource address).
pub fn checkstyle(run: &Run) -> String {
    let mut by_file: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    // inputs that could not be read: an error on their file (never a green report)
    for e in &run.errors {
        let (file, (line, col)) = match input_place(run, e) {
            Some((f, at)) => (f, at.unwrap_or((0, 0))),
            None => (String::new(), (0, 0)),
        };
        by_file.entry(file).or_default().push(format!(
            "    <error line=\"{line}\" column=\"{col}\" severity=\"error\" message=\"{}\" source=\"authwire.input\"/>\n",
            xml_escape(&e.message)
        ));
    }
    for f in run.findings.iter().filter(|f| f.suppression.is_none()) {
        // a file the finding is in, or one it names (never a made-up file name: a finding with
        // no location at all is in the other formats only)
        let at = f
            .location
            .or_else(|| f.related.iter().find_map(|r| r.location))
            .map(|s| run.files.location(s));
        let Some(l) = at else { continue };
        let (file, line, col) = (l.file, l.line, l.column);
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "info",
        };
        by_file.entry(file).or_default().push(format!(
            "    <error line=\"{line}\" column=\"{col}\" severity=\"{sev}\" message=\"{}\" source=\"authwire.{}\"/>\n",
            xml_escape(&format!("{} ({})", f.message, f.resource)),
            f.rule
        ));
    }
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (file, errs) in by_file {
        s.push_str(&format!("  <file name=\"{}\">\n", xml_escape(&file)));
        errs.iter().for_each(|e| s.push_str(e));
        s.push_str("  </file>\n");
    }
    s.push_str("</checkstyle>\n");
    s
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: annotations on the pull request.
pub fn github(run: &Run) -> String {
    let mut s = String::new();
    for e in &run.errors {
        match e.location(&run.files) {
            Some(l) => s.push_str(&format!(
                "::error file={},line={},col={},title=authwire::{}\n",
                gh_prop(&l.file),
                l.line,
                l.column,
                gh_data(&e.message)
            )),
            None => s.push_str(&format!(
                "::error title=authwire::{}\n",
                gh_data(&e.message)
            )),
        }
    }
    for f in run.findings.iter().filter(|f| f.suppression.is_none()) {
        let cmd = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let msg = if f.help.is_empty() {
            format!("{} ({})", f.message, f.resource)
        } else {
            format!("{} ({})\nFix: {}", f.message, f.resource, f.help)
        };
        match f.location.map(|sp| run.files.location(sp)) {
            Some(l) => s.push_str(&format!(
                "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                gh_prop(&l.file),
                l.line,
                l.column,
                l.end_line,
                l.end_column,
                gh_prop(f.rule),
                gh_data(&msg)
            )),
            None => s.push_str(&format!(
                "::{cmd} title={}::{}\n",
                gh_prop(f.rule),
                gh_data(&msg)
            )),
        }
    }
    s
}

/// One line per finding and per input error: `file:line:col: severity rule: message` (as
/// compilers and tflint --format compact print), `-` for what has no location.
pub fn compact(run: &Run) -> String {
    let mut s = String::new();
    for e in &run.errors {
        let at = input_at(run, e, "-");
        s.push_str(&format!("{at}: error input: {}\n", one_line(&e.message)));
    }
    for f in run.findings.iter().filter(|f| f.suppression.is_none()) {
        let at = match f.location.map(|sp| run.files.location(sp)) {
            Some(l) => format!("{}:{}:{}", l.file, l.line, l.column),
            None => "-".to_string(),
        };
        s.push_str(&format!(
            "{at}: {} {}: {} ({})\n",
            f.severity.as_str(),
            f.rule,
            one_line(&f.message),
            f.resource
        ));
    }
    s
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// GitLab Code Quality JSON: an array of issues with a description, check name, fingerprint,
/// severity and location (path and begin line); input errors are `blocker` issues.
pub fn gitlab(run: &Run) -> String {
    let mut issues = Vec::new();
    for e in &run.errors {
        let (path, line) = match input_place(run, e) {
            Some((f, at)) => (f, at.map_or(1, |(l, _)| l)),
            None => (String::new(), 1),
        };
        let fp = format!("input|{path}|{}", e.message);
        issues.push(serde_json::json!({
            "description": format!("input error: {}", e.message),
            "check_name": "authwire.input",
            "fingerprint": md5_hex(&fp),
            "severity": "blocker",
            "location": { "path": path, "lines": { "begin": line } },
        }));
    }
    for f in run.findings.iter().filter(|f| f.suppression.is_none()) {
        let (path, line) = match f.location.map(|sp| run.files.location(sp)) {
            Some(l) => (l.file, l.line),
            None => (String::new(), 1),
        };
        let severity = match f.severity {
            Severity::Error => "critical",
            Severity::Warning => "major",
            Severity::Note => "info",
        };
        issues.push(serde_json::json!({
            "description": format!("{} ({})", f.message, f.resource),
            "check_name": f.rule,
            "fingerprint": md5_hex(&f.fingerprint()),
            "severity": severity,
            "location": { "path": path, "lines": { "begin": line } },
        }));
    }
    let mut s = serde_json::to_string_pretty(&serde_json::Value::Array(issues)).unwrap_or_default();
    s.push('\n');
    s
}

fn md5_hex(s: &str) -> String {
    md5::Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
