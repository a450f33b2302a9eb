//! Runs every rule folder's fixtures: `pass/` must give no warning or error from that rule,
//! `fail/` must give at least one finding at the rule's own severity, and its findings are
//! snapshotted (`rules/<id>/snapshots/`). Also checks the catalogue itself.
//!
//! Overlay fixtures: a fixture directory holding a file `BASE` (content: a stack name such as
//! `rest-cognito`) is the shared base stack `rules/_base/<stack>/` plus the directory's own files.
//! Both are copied into one fresh temporary directory, which is linted as one module, so
//! Terraform's override files apply: `main_override.tf` changes arguments of base blocks, any
//! other `.tf` file adds blocks. File names must not clash with the base's. In the snapshot text
//! the temporary paths are mapped back to `rules/<id>/<pass|fail>/<fixture>/<file>` for the
//! overlay's files and `rules/_base/<stack>/<file>` for the base's. See rules/_base/README.md.

use super::{describe, lint, rel, root};
use crate::finding::Severity;
use std::path::{Path, PathBuf};

fn fixtures(rule: &str, kind: &str) -> Vec<PathBuf> {
    let dir = root().join("rules").join(rule).join(kind);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() || p.extension().is_some_and(|x| x == "tf" || x == "json"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_rule_folder_is_registered_and_complete() {
    let registered: Vec<&str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
    let mut folders: Vec<String> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('_'))
        .collect();
    folders.sort();
    assert_eq!(
        folders, registered,
        "rule folders and the registry in rules/mod.rs differ"
    );
    for r in crate::rules::all() {
        let m = r.meta();
        assert!(
            m.id.split('-').next().is_some_and(|g| [
                "rest",
                "http",
                "cognito",
                "acm",
                "r53",
                "tf",
                "suppression"
            ]
            .contains(&g)),
            "{}: id must start with a service group",
            m.id
        );
        for heading in [
            "## What it checks",
            "## Why AWS cares",
            "## How to fix",
            "## Example",
            "## Sources",
        ] {
            assert!(
                m.docs.contains(heading),
                "{}: README.md lacks `{heading}`",
                m.id
            );
        }
        let level = format!("\n**Severity:** {} · {}", m.severity.as_str(), m.title);
        assert!(
            m.docs.contains(&level) && m.docs.contains("\n**Why this level:** "),
            "{}: README.md must state `{}` and a `**Why this level:**` paragraph (docs/severity.md)",
            m.id,
            level.trim()
        );
        assert!(
            m.docs.starts_with(&format!("# {}", m.id)),
            "{}: README.md must start with `# {}`",
            m.id,
            m.id
        );
        assert!(
            !fixtures(m.id, "pass").is_empty(),
            "{}: no pass fixture",
            m.id
        );
        assert!(
            !fixtures(m.id, "fail").is_empty(),
            "{}: no fail fixture",
            m.id
        );
    }
}

#[test]
fn pass_fixtures_stay_silent() {
    for r in crate::rules::all() {
        let id = r.meta().id;
        for f in fixtures(id, "pass") {
            let p = rel(&f);
            let linted = lint_fixture(&f, "pass", r);
            let run = &linted.run;
            assert!(
                run.errors.is_empty(),
                "{p}: input errors: {}",
                linted.describe(None)
            );
            // a pass fixture may still say "cannot verify" (a note); a note-level rule says
            // nothing else
            let note_rule = r.meta().severity == Severity::Note;
            let loud: Vec<_> = run
                .findings
                .iter()
                .filter(|x| {
                    x.rule == id
                        && (x.severity > Severity::Note
                            || note_rule && !x.message.starts_with("cannot verify"))
                })
                .collect();
            assert!(
                loud.is_empty(),
                "{p}: {id} must stay silent but said:\n{}",
                linted.describe(Some(id))
            );
            // what it does say (cannot-verify notes) is reviewed like code too
            let name = format!(
                "pass-{}",
                f.file_stem().unwrap().to_string_lossy().replace(".tf", "")
            );
            insta::with_settings!({
                snapshot_path => root().join("rules").join(id).join("snapshots"),
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name, linted.describe(Some(id)));
            });
        }
    }
}

/// A linted fixture: the run, and for an overlay the temporary directory (removed on drop) with
/// the map from its file paths back to the files in the repository.
struct Linted {
    run: crate::lint::Run,
    map: Vec<(String, String)>,
    _tmp: Option<TempDir>,
}

/// A directory removed when dropped (also when the test panics).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Linted {
    /// `describe`, with an overlay's temporary paths named as the repository files they copy.
    fn describe(&self, only_rule: Option<&str>) -> String {
        let mut s = describe(&self.run, only_rule);
        for (from, to) in &self.map {
            s = s.replace(from, to);
        }
        s
    }
}

/// Lints fixture `f` of rule `r`: a file or directory as it is, or an overlay (a directory with
/// a `BASE` file) as its base stack plus its own files, copied together into a temporary dir.
fn lint_fixture(f: &Path, kind: &str, r: &'static dyn crate::rules::Rule) -> Linted {
    let p = rel(f);
    let base_file = f.join("BASE");
    if !base_file.is_file() {
        return Linted {
            run: lint_rule(&p, r),
            map: Vec::new(),
            _tmp: None,
        };
    }
    let stack = std::fs::read_to_string(&base_file).unwrap();
    let stack = stack.trim();
    let base = root().join("rules/_base").join(stack);
    assert!(
        base.is_dir(),
        "{p}: BASE names no stack rules/_base/{stack}/"
    );
    let name = f.file_name().unwrap().to_string_lossy();
    let tmp = std::env::temp_dir().join(format!(
        "authwire-overlay-{}-{}-{kind}-{name}",
        std::process::id(),
        r.meta().id
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    // the guard removes the directory even if copying panics
    let guard = TempDir(tmp.clone());
    let mut names: Vec<(String, String)> = Vec::new();
    for (dir, shown) in [
        (base.as_path(), format!("rules/_base/{stack}")),
        (f, p.clone()),
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|x| x.file_name().is_some_and(|n| n != "BASE"))
            .collect();
        files.sort();
        for file in files {
            assert!(
                file.is_file(),
                "{}: overlays and base stacks hold files only",
                file.display()
            );
            let n = file.file_name().unwrap().to_string_lossy().to_string();
            assert!(
                !names.iter().any(|(m, _)| *m == n),
                "{p}: {n} is also a file of rules/_base/{stack}/; name overlay files apart (main_override.tf, extra.tf)"
            );
            std::fs::copy(&file, tmp.join(&n)).unwrap();
            names.push((n, shown.clone()));
        }
    }
    // longest names first, so `a.tf` does not rewrite part of `a.tf.json`
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let t = tmp.to_string_lossy().to_string();
    let mut map: Vec<(String, String)> = names
        .into_iter()
        .map(|(n, shown)| (format!("{t}/{n}"), format!("{shown}/{n}")))
        .collect();
    map.push((t.clone(), p));
    Linted {
        run: lint_rule(&t, r),
        map,
        _tmp: Some(guard),
    }
}

/// A fixture linted with only the rule it belongs to (the suppression meta-rules need every
/// rule: whether a suppression is used depends on the others' findings).
fn lint_rule(p: &str, r: &'static dyn crate::rules::Rule) -> crate::lint::Run {
    if r.meta().id.starts_with("suppression-") {
        return lint(&[p]);
    }
    let mut run = crate::lint::run(&[PathBuf::from(p)], &[], &[r]);
    crate::settings::apply_suppressions(&mut run, Some("2026-01-01"));
    crate::lint::sort_findings(&mut run);
    run
}

#[test]
fn fail_fixtures_fire_and_match_snapshots() {
    for r in crate::rules::all() {
        let m = r.meta();
        for f in fixtures(m.id, "fail") {
            let p = rel(&f);
            let linted = lint_fixture(&f, "fail", r);
            let run = &linted.run;
            assert!(
                run.errors.is_empty(),
                "{p}: input errors: {}",
                linted.describe(None)
            );
            assert!(
                run.findings
                    .iter()
                    .any(|x| x.rule == m.id
                        && (x.severity == m.severity || x.severity > Severity::Note)),
                "{p}: {} did not fire at {}:\n{}",
                m.id,
                m.severity.as_str(),
                linted.describe(None)
            );
            for x in run.findings.iter().filter(|x| x.rule == m.id) {
                assert!(x.location.is_some(), "{p}: finding without a location");
            }
            let name = f.file_stem().unwrap().to_string_lossy().replace(".tf", "");
            insta::with_settings!({
                snapshot_path => root().join("rules").join(m.id).join("snapshots"),
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name, linted.describe(Some(m.id)));
            });
        }
    }
}

/// Every base stack is correct: no rule says more than a note about it, so an overlay's findings
/// come from the overlay.
#[test]
fn base_stacks_are_silent() {
    let mut stacks: Vec<PathBuf> = std::fs::read_dir(root().join("rules/_base"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    stacks.sort();
    assert!(!stacks.is_empty(), "rules/_base/ holds no stack");
    for s in stacks {
        let p = rel(&s);
        let run = lint(&[&p]);
        let quiet =
            run.errors.is_empty() && run.findings.iter().all(|f| f.severity <= Severity::Note);
        assert!(
            quiet,
            "{p}: a base stack must be correct:\n{}",
            describe(&run, None)
        );
    }
}

/// `docs/rules.md`, generated from the registry and each rule's README.
pub fn rules_reference() -> String {
    let mut s = String::from(
        "# authwire rules\n\n<!-- Generated from rules/*/README.md by the test `rules_reference_is_current`; \
         run `UPDATE_DOCS=1 cargo test` to rewrite it. -->\n\n| id | severity | checks |\n|---|---|---|\n",
    );
    let all = crate::rules::all();
    for r in &all {
        let m = r.meta();
        s.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            m.id,
            m.id,
            m.severity.as_str(),
            m.title
        ));
    }
    for r in &all {
        let docs = r
            .meta()
            .docs
            .replacen("# ", "## ", 1)
            .replace("\n## ", "\n### ");
        s.push('\n');
        s.push_str(docs.trim_end());
        s.push('\n');
    }
    s
}

#[test]
fn rules_reference_is_current() {
    let path = root().join("docs/rules.md");
    let want = rules_reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(root().join("docs")).unwrap();
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test`"
    );
}

/// The registry part of rules/mod.rs, generated from the rule folders.
fn registry_source() -> String {
    let mut folders: Vec<String> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('_'))
        .collect();
    folders.sort();
    let module = |f: &str| f.replace('-', "_");
    let mut s = String::from(
        "// @generated by the test `registry_is_current` from the folders under rules/; run\n\
         // `UPDATE_DOCS=1 cargo test` after adding a rule folder. Plain module items, so `cargo fmt`\n\
         // formats every rule file.\n",
    );
    for f in &folders {
        s.push_str(&format!("#[path = \"{f}/rule.rs\"]\nmod {};\n", module(f)));
    }
    s.push_str(
        "\n/// Every rule, in id order.\npub fn all() -> Vec<&'static dyn Rule> {\n    vec![\n",
    );
    for f in &folders {
        s.push_str(&format!("        &{}::RULE,\n", module(f)));
    }
    s.push_str("    ]\n}\n// @end generated\n");
    s
}

#[test]
fn registry_is_current() {
    let path = root().join("rules/mod.rs");
    let text = std::fs::read_to_string(&path).unwrap();
    let (Some(start), Some(end)) = (text.find("// @generated"), text.find("// @end generated\n"))
    else {
        panic!("rules/mod.rs has no generated registry section");
    };
    let have = &text[start..end + "// @end generated\n".len()];
    let want = registry_source();
    if have != want && std::env::var_os("UPDATE_DOCS").is_some() {
        let new = format!(
            "{}{want}{}",
            &text[..start],
            &text[end + "// @end generated\n".len()..]
        );
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert!(
        have == want,
        "rules/mod.rs's registry is stale: run `UPDATE_DOCS=1 cargo test`"
    );
    // folder order is id order
    let ids: Vec<&str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn a_rule_id_is_its_folder_name() {
    use crate::rules::folder_id;
    assert_eq!(
        folder_id("src/../rules/acm-san-coverage/rule.rs"),
        "acm-san-coverage"
    );
    assert_eq!(
        folder_id("rules\\r53-record-shape\\rule.rs"),
        "r53-record-shape"
    );
    for r in crate::rules::all() {
        assert!(
            root()
                .join("rules")
                .join(r.meta().id)
                .join("rule.rs")
                .is_file()
        );
    }
}

/// A rule reads the model only through the typed views: no resource-type literal and no
/// attribute path string in its file.
#[test]
fn context_rules_read_the_model_through_views() {
    let mut checked = 0;
    for r in crate::rules::all() {
        let path = root().join("rules").join(r.meta().id).join("rule.rs");
        let text = std::fs::read_to_string(&path).unwrap();
        checked += 1;
        // the rule's title is prose, not a model read
        let text = match text.find("rule!(") {
            Some(a) => match text[a..].find(");") {
                Some(b) => format!("{}{}", &text[..a], &text[a + b..]),
                None => text,
            },
            None => text,
        };
        for bad in [
            "\"aws_",
            ".get(\"",
            ".str(\"",
            ".span(\"",
            ".attr_span(\"",
            ".blocks(\"",
            "list(",
        ] {
            assert!(
                !text.contains(bad),
                "{}: reads the model through `{bad}`; use the typed views in src/model/",
                r.meta().id
            );
        }
    }
    assert_eq!(checked, crate::rules::all().len());
}
