//! Finding inputs and parsing them (design §1, "load").

pub mod hcl;
pub mod json;
pub mod merge;
pub mod module;

use crate::ast::{Body, Expr};
use crate::diag::Diag;
use crate::source::{Files, Span, display_path};
use module::ModuleDef;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A `--var` or `--var-file` in command-line order.
#[derive(Clone, Debug)]
pub enum CliVar {
    File(PathBuf),
    Pair(String, String),
}

pub struct PlanInput {
    pub file: u32,
    pub json: serde_json::Value,
    /// The configuration directory the plan was made from (`--source`, or the plan's own
    /// directory when it holds `.tf` files): its blocks give plan findings their locations.
    pub source: Option<PathBuf>,
}

#[derive(Default)]
pub struct Loaded {
    pub files: Files,
    pub modules: BTreeMap<PathBuf, ModuleDef>,
    pub roots: Vec<PathBuf>,
    /// Variable values of each root, precedence already applied (later sources won).
    pub root_vars: BTreeMap<PathBuf, BTreeMap<String, Expr>>,
    pub plans: Vec<PlanInput>,
    pub errors: Vec<Diag>,
    /// `.terraform/modules/modules.json` of a module directory (after `terraform init`):
    /// module key (`api`, `api.acm`) → the directory holding that module's source.
    pub manifests: BTreeMap<PathBuf, BTreeMap<String, PathBuf>>,
    /// The `TF_WORKSPACE` environment variable, set by the command that loads (tests leave it
    /// unset): see [`workspace`].
    pub tf_workspace: Option<String>,
    /// OpenAPI documents an API's `body` reads with `templatefile`/`file` (a literal path, or
    /// `${path.module}/…`): the `body` attribute's span → the document's file id, so findings
    /// inside the document point at its lines.
    pub documents: BTreeMap<Span, u32>,
    /// The directories `file()` and its kin, `templatefile()` and API bodies may read in
    /// (canonical): the linted directories, every module directory loaded, and the repository
    /// (the nearest directory above a linted one holding `.git`). Outside them is an input
    /// error: a report never carries the runner's other files.
    pub read_scope: Vec<PathBuf>,
}

/// Whether `path` is inside one of `scope`'s directories (after following symbolic links); a
/// path that does not exist is left to the caller's "no such file" error.
pub fn in_read_scope(scope: &[PathBuf], path: &Path) -> bool {
    match std::fs::canonicalize(path) {
        Ok(c) => scope.iter().any(|d| c.starts_with(d)),
        Err(_) => true,
    }
}

/// The message for a file outside the read scope (the path as the configuration wrote it).
pub fn outside_read_scope(what: &str, p: &str) -> String {
    format!(
        "Invalid function argument: {what}(\"{p}\") is outside the linted directories, their modules and their repository: authwire reads no other file (so no report can carry one). Lint a directory that contains it"
    )
}

/// `terraform.workspace` of a root, as Terraform chooses it: `TF_WORKSPACE` when set and not
/// empty (an error when it is not a valid workspace name), else the content of
/// `.terraform/environment` in the root directory (what `terraform workspace select` writes;
/// blanks trimmed), else `default`.
pub fn workspace(root: &Path, tf_workspace: Option<&str>) -> Result<String, String> {
    if let Some(w) = tf_workspace.filter(|w| !w.is_empty()) {
        // Terraform's validWorkspaceName: url.PathEscape leaves the name unchanged
        let valid = w
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.~$&+:=@".contains(c));
        return if valid {
            Ok(w.to_string())
        } else {
            Err(format!(
                "Invalid workspace name set using TF_WORKSPACE: \"{w}\" would need escaping in a URL path"
            ))
        };
    }
    let env = root.join(".terraform").join("environment");
    let file = if std::fs::symlink_metadata(&env).is_ok() {
        crate::input::read(&env).map_err(|e| format!("cannot read {}: {e}", display_path(&env)))?
    } else {
        Vec::new()
    };
    let name = String::from_utf8_lossy(&file).trim().to_string();
    Ok(if name.is_empty() {
        "default".into()
    } else {
        name
    })
}

/// The `TF_WORKSPACE` environment variable of this process.
pub fn tf_workspace_env() -> Option<String> {
    std::env::var("TF_WORKSPACE").ok()
}

/// Reads `.terraform/modules/modules.json` in `dir`, if there is one.
fn read_manifest(dir: &Path, errors: &mut Vec<Diag>) -> Option<BTreeMap<String, PathBuf>> {
    let p = dir.join(".terraform").join("modules").join("modules.json");
    std::fs::symlink_metadata(&p).ok()?;
    let text = match crate::input::read_string(&p) {
        Ok(t) => t,
        Err(e) => {
            errors.push(Diag::file(
                format!("cannot read {}: {e}", display_path(&p)),
                display_path(&p),
            ));
            return None;
        }
    };
    let j: serde_json::Value = match serde_json::from_str(&text) {
        Ok(j) => j,
        Err(e) => {
            errors.push(Diag::file(
                format!("cannot read {}: {e}", display_path(&p)),
                display_path(&p),
            ));
            return None;
        }
    };
    let mut out = BTreeMap::new();
    for m in j
        .get("Modules")
        .and_then(|m| m.as_array())
        .into_iter()
        .flatten()
    {
        let (Some(key), Some(d)) = (
            m.get("Key").and_then(|k| k.as_str()),
            m.get("Dir").and_then(|k| k.as_str()),
        ) else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        out.insert(key.to_string(), canon(&dir.join(d)));
    }
    Some(out)
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Tf,
    TfJson,
    Tfvars,
    TfvarsJson,
    Plan,
}

/// Whether a file's first bytes are a Terraform JSON plan (`{"format_version":…` with a
/// `terraform_version`), read without loading a large file.
fn looks_like_plan(p: &Path) -> bool {
    let Ok(head) = crate::input::head(p, 4096) else {
        return false;
    };
    let t = String::from_utf8_lossy(&head);
    t.trim_start().starts_with('{')
        && t.contains("\"format_version\"")
        && t.contains("\"terraform_version\"")
}

fn kind_of(p: &Path) -> Option<Kind> {
    let n = p.file_name()?.to_string_lossy();
    // OpenTofu's .tofu/.tofu.json are configuration files as well
    if n.ends_with(".tf.json") || n.ends_with(".tofu.json") {
        Some(Kind::TfJson)
    } else if n.ends_with(".tf") || n.ends_with(".tofu") {
        Some(Kind::Tf)
    } else if n.ends_with(".tfvars.json") {
        Some(Kind::TfvarsJson)
    } else if n.ends_with(".tfvars") {
        Some(Kind::Tfvars)
    } else if n.ends_with(".json") {
        Some(Kind::Plan)
    } else {
        None
    }
}

enum Parsed {
    Config(Body),
    Vars(Body),
    Plan(serde_json::Value),
}

struct FileResult {
    path: PathBuf,
    name: String,
    text: Option<String>,
    parsed: Result<Parsed, Diag>,
}

/// Decodes file bytes: UTF-8 (BOM allowed) or UTF-16 with a BOM.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|e| format!("not valid UTF-8: {e}"));
    }
    let utf16 = |rest: &[u8], le: bool| -> Result<String, String> {
        if !rest.len().is_multiple_of(2) {
            return Err("UTF-16 text with an odd number of bytes".into());
        }
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|e| format!("not valid UTF-16: {e}"))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| format!("not valid UTF-8: {e}"))
}

fn read_and_parse(id: u32, path: &Path, kind: Kind) -> FileResult {
    let name = display_path(path);
    let text = match crate::input::read(path).and_then(|b| decode(&b)) {
        Ok(t) => t,
        Err(e) => {
            return FileResult {
                path: path.to_path_buf(),
                parsed: Err(Diag::file(format!("cannot read {name}: {e}"), name.clone())),
                name,
                text: None,
            };
        }
    };
    let err = |e: hcl::ParseError| Diag::at(e.message, Span::new(id, e.offset..e.offset + 1));
    let parsed = match kind {
        Kind::Tf => hcl::parse_body(id, &text).map(Parsed::Config).map_err(err),
        Kind::Tfvars => hcl::parse_body(id, &text).map_err(err).and_then(|b| {
            if let Some(bl) = b.blocks.first() {
                Err(Diag::at(
                    "a tfvars file may only assign variables; blocks are not allowed",
                    bl.span,
                ))
            } else {
                Ok(Parsed::Vars(b))
            }
        }),
        Kind::TfJson => json::parse(id, &text)
            .and_then(|j| json::config_body(&j))
            .map(Parsed::Config)
            .map_err(err),
        Kind::TfvarsJson => json::parse(id, &text)
            .and_then(|j| json::tfvars_body(&j))
            .map(Parsed::Vars)
            .map_err(err),
        Kind::Plan => match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => {
                let is_plan = v.get("format_version").is_some()
                    && (v.get("planned_values").is_some() || v.get("resource_changes").is_some());
                if is_plan {
                    Ok(Parsed::Plan(v))
                } else {
                    Err(Diag::at(
                        "this JSON file is not a Terraform plan (no format_version with planned_values or resource_changes); produce one with `terraform show -json plan.out`",
                        Span::new(id, 0..1.min(text.len())),
                    ))
                }
            }
            Err(e) => {
                let off = offset_of(&text, e.line(), e.column());
                Err(Diag::at(
                    format!("invalid JSON: {e}"),
                    Span::new(id, off..off + 1),
                ))
            }
        },
    };
    FileResult {
        path: path.to_path_buf(),
        name,
        text: Some(text),
        parsed,
    }
}

/// One module's parsed files: (file id, body) of the ordinary files, (file name, body) of the
/// override files.
type ModuleFiles = (Vec<(u32, Body)>, Vec<(String, Body)>);

/// OpenTofu: `x.tofu` (`x.tofu.json`) replaces `x.tf` (`x.tf.json`) in the same directory.
fn tofu_wins(todo: &mut Vec<(PathBuf, Kind, PathBuf)>) {
    let tofu: BTreeSet<PathBuf> = todo
        .iter()
        .filter_map(|(p, _, _)| {
            let n = p.file_name()?.to_string_lossy().to_string();
            let tf = n
                .strip_suffix(".tofu.json")
                .map(|s| format!("{s}.tf.json"))
                .or_else(|| n.strip_suffix(".tofu").map(|s| format!("{s}.tf")))?;
            Some(p.with_file_name(tf))
        })
        .collect();
    if !tofu.is_empty() {
        todo.retain(|(p, _, _)| !tofu.contains(p));
    }
}

/// Byte offset of a 1-based line and column (as serde_json reports them).
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (off + col.saturating_sub(1)).min(text.len());
        }
        off += l.len();
    }
    text.len()
}

/// Terraform's `IsIgnoredFile` (internal/configs/parser_config_dir.go): hidden files
/// (`.name`, which includes Emacs lock files `.#name`), Vim/Emacs backups (`name~`) and Emacs
/// auto-saves (`#name#`) are not configuration. authwire applies it to variables files in a
/// tree as well.
pub fn is_ignored_file(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with('.') || n.ends_with('~') || (n.starts_with('#') && n.ends_with('#'))
}

/// Entries of a tree that are not walked: hidden directories, and the files Terraform ignores.
fn is_hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0
        && if e.file_type().is_dir() {
            e.file_name().to_str().is_some_and(|s| s.starts_with('.'))
        } else {
            is_ignored_file(e.file_name())
        }
}

/// The error of an input that is not a regular file (a FIFO, socket, device, or a directory
/// with a file's name): refused before it is opened.
fn not_a_file(p: &Path, ft: &std::fs::FileType) -> Diag {
    let name = display_path(p);
    let msg = if ft.is_dir() {
        format!("{name} is a directory with a Terraform file's name: not read as a file")
    } else {
        let kind = crate::input::special_kind(ft).unwrap_or("not a regular file");
        format!("cannot read {name}: it is {kind}, not a regular file; not read")
    };
    Diag::file(msg, name)
}

/// The configuration files (`.tf`, `.tf.json`, `.tofu`, `.tofu.json`) of one module directory
/// in name order. An entry with such a name that is not a regular file, or that cannot be
/// examined, is an error (never skipped).
fn module_files(dir: &Path, errors: &mut Vec<Diag>) -> std::io::Result<Vec<(PathBuf, Kind)>> {
    let mut entries: Vec<PathBuf> = Vec::new();
    for e in std::fs::read_dir(dir)? {
        match e {
            Ok(e) => entries.push(e.path()),
            Err(e) => errors.push(Diag::file(
                format!("cannot read {}: {e}", display_path(dir)),
                display_path(dir),
            )),
        }
    }
    entries.sort();
    let mut out = Vec::new();
    for p in entries {
        let Some(k @ (Kind::Tf | Kind::TfJson)) = kind_of(&p) else {
            continue;
        };
        if p.file_name().is_some_and(is_ignored_file) {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(md) if md.is_file() => out.push((p, k)),
            Ok(md) => errors.push(not_a_file(&p, &md.file_type())),
            Err(e) => errors.push(Diag::file(
                format!("cannot read {}: {e}", display_path(&p)),
                display_path(&p),
            )),
        }
    }
    Ok(out)
}

/// Canonical form of a directory (for module identity); falls back to the path itself.
fn canon(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Walks the inputs, parses every file (in parallel) and groups them into modules.
pub fn load(paths: &[PathBuf], cli_vars: &[CliVar], env_vars: &[(String, String)]) -> Loaded {
    load_with_source(paths, None, cli_vars, env_vars)
}

fn has_tf(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(Result::ok).any(|e| {
            !is_ignored_file(&e.file_name())
                && matches!(kind_of(&e.path()), Some(Kind::Tf | Kind::TfJson))
        })
    })
}

/// Like `load`; `source` is the configuration of the plans given (read for locations only).
pub fn load_with_source(
    paths: &[PathBuf],
    source: Option<&Path>,
    cli_vars: &[CliVar],
    env_vars: &[(String, String)],
) -> Loaded {
    load_inner(paths, source, cli_vars, env_vars, usize::MAX)
}

/// One root module directory only (no subdirectories), as Terraform reads a working directory.
pub fn load_root_dir(dir: &Path, cli_vars: &[CliVar], env_vars: &[(String, String)]) -> Loaded {
    load_inner(&[dir.to_path_buf()], None, cli_vars, env_vars, 1)
}

fn load_inner(
    paths: &[PathBuf],
    source: Option<&Path>,
    cli_vars: &[CliVar],
    env_vars: &[(String, String)],
    max_depth: usize,
) -> Loaded {
    let mut out = Loaded::default();
    // (path, kind, module dir) in a stable order
    let mut todo: Vec<(PathBuf, Kind, PathBuf)> = Vec::new();
    let mut explicit_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    // the linted roots: a symbolic link in a tree is followed only when it stays inside them
    let linted: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let c = canon(p);
            if c.is_dir() {
                c
            } else {
                c.parent().map(Path::to_path_buf).unwrap_or(c)
            }
        })
        .collect();
    for p in paths {
        let md = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                out.errors.push(Diag::file(
                    format!("cannot read {}: {e}", display_path(p)),
                    display_path(p),
                ));
                continue;
            }
        };
        if md.is_dir() {
            let before = todo.len();
            let mut outside: Vec<Diag> = Vec::new();
            let walker = walkdir::WalkDir::new(p)
                .max_depth(max_depth)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    if is_hidden(e) {
                        return false;
                    }
                    if e.depth() == 0 || !e.path_is_symlink() {
                        return true;
                    }
                    let Ok(target) = std::fs::canonicalize(e.path()) else {
                        return true;
                    };
                    if linted.iter().any(|r| target.starts_with(r)) {
                        return true;
                    }
                    // never followed, never read, its target never printed; reported when it
                    // is a directory or has an input's name (other files are not inputs)
                    if e.file_type().is_dir()
                        || kind_of(e.path()).is_some_and(|k| k != Kind::Plan)
                    {
                        let name = display_path(e.path());
                        outside.push(Diag::file(
                            format!(
                                "{name} is a symbolic link to a path outside the linted directories: not followed"
                            ),
                            name,
                        ));
                    }
                    false
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        if let Some(k) = kind_of(e.path()) {
                            if k == Kind::Plan {
                                continue; // other JSON in a tree is not ours
                            }
                            let dir = canon(e.path().parent().unwrap_or(Path::new(".")));
                            todo.push((e.path().to_path_buf(), k, dir));
                        }
                    }
                    // a FIFO, socket or device, or a directory, with an input's name
                    Ok(e) => {
                        if e.depth() > 0 && kind_of(e.path()).is_some_and(|k| k != Kind::Plan) {
                            out.errors.push(not_a_file(e.path(), &e.file_type()));
                        }
                    }
                    // a dangling symbolic link Terraform would not read anyway (an Emacs lock file
                    // `.#main.tf` is one)
                    Err(e)
                        if e.depth() > 0
                            && e.path()
                                .and_then(Path::file_name)
                                .is_some_and(is_ignored_file) => {}
                    Err(e) => {
                        let where_ = e
                            .path()
                            .map(display_path)
                            .unwrap_or_else(|| display_path(p));
                        let msg = if e.loop_ancestor().is_some() {
                            format!("symbolic link loop at {where_}: not followed")
                        } else {
                            format!("cannot read {where_}: {e}")
                        };
                        out.errors.push(Diag::file(msg, where_));
                    }
                }
            }
            out.errors.append(&mut outside);
            if !todo[before..]
                .iter()
                .any(|(_, k, _)| matches!(k, Kind::Tf | Kind::TfJson))
            {
                out.errors.push(Diag::file(
                    format!(
                        "no Terraform files (.tf, .tf.json) found in {}",
                        display_path(p)
                    ),
                    display_path(p),
                ));
            }
            explicit_dirs.insert(canon(p));
        } else if !md.is_file() {
            out.errors.push(not_a_file(p, &md.file_type()));
        } else {
            // a plan saved without the .json suffix (`terraform show -json > plan`): its content
            // says what it is
            let kind = kind_of(p).or_else(|| looks_like_plan(p).then_some(Kind::Plan));
            match kind {
                Some(k @ (Kind::Tf | Kind::TfJson | Kind::Plan)) => {
                    let dir = canon(
                        p.parent()
                            .filter(|d| !d.as_os_str().is_empty())
                            .unwrap_or(Path::new(".")),
                    );
                    todo.push((p.clone(), k, dir));
                }
                Some(Kind::Tfvars | Kind::TfvarsJson) => out.errors.push(Diag::file(
                    format!(
                        "{} is a variables file: pass it with --var-file",
                        display_path(p)
                    ),
                    display_path(p),
                )),
                None => out.errors.push(Diag::file(
                    format!(
                        "{} is not a Terraform file (.tf, .tf.json) or plan (.json)",
                        display_path(p)
                    ),
                    display_path(p),
                )),
            }
        }
    }
    // configuration directories of plans: read for locations, not linted as roots
    let mut source_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let plan_dirs: Vec<PathBuf> = todo
        .iter()
        .filter(|t| t.1 == Kind::Plan)
        .map(|t| t.2.clone())
        .collect();
    if let Some(s) = source {
        if has_tf(s) {
            source_dirs.insert(canon(s));
        } else {
            out.errors.push(Diag::file(
                format!(
                    "--source {}: no Terraform files (.tf, .tf.json) there",
                    display_path(s)
                ),
                display_path(s),
            ));
        }
    } else {
        source_dirs.extend(plan_dirs.iter().filter(|d| has_tf(d)).cloned());
    }
    for d in &source_dirs {
        if explicit_dirs.contains(d) || todo.iter().any(|t| &t.2 == d && t.1 != Kind::Plan) {
            continue;
        }
        match module_files(d, &mut out.errors) {
            Ok(files) => todo.extend(files.into_iter().map(|(p, k)| (p, k, d.clone()))),
            Err(e) => out.errors.push(Diag::file(
                format!("cannot read {}: {e}", display_path(d)),
                display_path(d),
            )),
        }
    }
    todo.sort();
    todo.dedup();

    tofu_wins(&mut todo);
    let mut loaded_dirs: BTreeSet<PathBuf> = todo.iter().map(|t| t.2.clone()).collect();
    let mut tfvars: BTreeMap<PathBuf, Vec<(String, u32, Body)>> = BTreeMap::new();
    loop {
        let base = out.files.files.len() as u32;
        let results: Vec<FileResult> = todo
            .par_iter()
            .enumerate()
            .map(|(i, (p, k, _))| read_and_parse(base + i as u32, p, *k))
            .collect();
        let mut bodies = Vec::new();
        for ((_, kind, dir), r) in todo.iter().zip(results) {
            let id = out.files.add(r.name.clone(), r.text.unwrap_or_default());
            match r.parsed {
                Err(d) => out.errors.push(d),
                Ok(Parsed::Plan(json)) => {
                    let source = match source {
                        Some(s) => Some(canon(s)),
                        None => Some(dir.clone()).filter(|d| source_dirs.contains(d)),
                    };
                    out.plans.push(PlanInput {
                        file: id,
                        json,
                        source,
                    })
                }
                Ok(Parsed::Vars(b)) => {
                    let fname = r
                        .path
                        .file_name()
                        .map(|f| f.to_string_lossy().to_string())
                        .unwrap_or_default();
                    tfvars.entry(dir.clone()).or_default().push((fname, id, b));
                }
                Ok(Parsed::Config(b)) => {
                    debug_assert!(matches!(kind, Kind::Tf | Kind::TfJson));
                    let fname = r
                        .path
                        .file_name()
                        .map(|f| f.to_string_lossy().to_string())
                        .unwrap_or_default();
                    bodies.push((dir.clone(), fname, id, b));
                }
            }
        }
        // per module: override files merged into the others (file-name order), as Terraform does
        let mut by_dir: BTreeMap<PathBuf, ModuleFiles> = BTreeMap::new();
        for (dir, fname, id, body) in bodies {
            let e = by_dir.entry(dir).or_default();
            if merge::is_override(&fname) {
                e.1.push((fname, body));
            } else {
                e.0.push((id, body));
            }
        }
        for (dir, (mut primary, mut overrides)) in by_dir {
            overrides.sort_by(|a, b| a.0.cmp(&b.0));
            if !overrides.is_empty() {
                let mut bodies: Vec<Body> = primary
                    .iter_mut()
                    .map(|p| std::mem::take(&mut p.1))
                    .collect();
                merge::apply(
                    &mut bodies,
                    overrides.into_iter().map(|o| o.1).collect(),
                    &mut out.errors,
                );
                for (p, b) in primary.iter_mut().zip(bodies) {
                    p.1 = b;
                }
            }
            let m = out.modules.entry(dir.clone()).or_insert_with(|| ModuleDef {
                dir: dir.clone(),
                ..Default::default()
            });
            let dir_of = |src: &str| Some(canon(&dir.join(src)));
            for (id, body) in primary {
                m.add_body(id, body, &dir_of, &mut out.errors);
            }
        }
        // modules installed by `terraform init` next to a configuration
        let mut wanted: Vec<(PathBuf, String, String, Span)> = Vec::new();
        let dirs: Vec<PathBuf> = out.modules.keys().cloned().collect();
        for d in dirs {
            if out.manifests.contains_key(&d)
                || d.components().any(|c| c.as_os_str() == ".terraform")
            {
                continue;
            }
            if let Some(m) = read_manifest(&d, &mut out.errors) {
                out.manifests.insert(d.clone(), m);
            }
        }
        for man in out.manifests.values() {
            for (key, d) in man {
                if !loaded_dirs.contains(d) {
                    wanted.push((d.clone(), key.clone(), String::new(), Span::new(0, 0..0)));
                }
            }
        }
        // follow local module sources that are outside the scanned paths
        let mut next = Vec::new();
        let mut registry_dirs: Vec<(PathBuf, String)> = Vec::new();
        for (d, key, _, _) in wanted {
            if loaded_dirs.insert(d.clone()) {
                registry_dirs.push((d, key));
            }
        }
        for (d, key) in registry_dirs {
            let files = module_files(&d, &mut out.errors).unwrap_or_default();
            let found = !files.is_empty();
            next.extend(files.into_iter().map(|(p, k)| (p, k, d.clone())));
            if !found {
                out.errors.push(Diag::file(
                    format!(
                        "module {key}: .terraform/modules/modules.json names {}, which holds no Terraform files (run terraform init again)",
                        display_path(&d)
                    ),
                    display_path(&d),
                ));
            }
        }
        for m in out.modules.values() {
            for c in &m.calls {
                let Some(d) = &c.dir else { continue };
                if loaded_dirs.contains(d) {
                    continue;
                }
                loaded_dirs.insert(d.clone());
                match module_files(d, &mut out.errors) {
                    Ok(files) => {
                        let found = !files.is_empty();
                        next.extend(files.into_iter().map(|(p, k)| (p, k, d.clone())));
                        if !found {
                            out.errors.push(Diag::at(
                                format!(
                                    "module \"{}\": no Terraform files in {}",
                                    c.name, c.source
                                ),
                                c.source_span,
                            ));
                        }
                    }
                    Err(e) => out.errors.push(Diag::at(
                        format!(
                            "module \"{}\": cannot read source {}: {e}",
                            c.name, c.source
                        ),
                        c.source_span,
                    )),
                }
            }
        }
        if next.is_empty() {
            break;
        }
        tofu_wins(&mut next);
        todo = next;
    }

    // roots: every module no other loaded module calls by a local path
    let mut called: BTreeSet<PathBuf> = out
        .modules
        .values()
        .flat_map(|m| m.calls.iter().filter_map(|c| c.dir.clone()))
        .collect();
    called.extend(out.manifests.values().flat_map(|m| m.values().cloned()));
    // roots: modules no other module calls, and every directory given on the command line
    // (a module repository's own directory is linted even when its examples call it, and a
    // module that calls itself does not stop being linted)
    out.roots = out
        .modules
        .keys()
        .filter(|d| !called.contains(*d) || explicit_dirs.contains(*d))
        .cloned()
        .collect();
    // a plan's configuration is read for locations only, unless it was asked for as well
    out.roots.retain(|r| {
        !source_dirs.contains(r)
            || explicit_dirs.contains(r)
            || paths.iter().any(|p| {
                p.is_file()
                    && canon(p.parent().unwrap_or(Path::new("."))) == *r
                    && kind_of(p) != Some(Kind::Plan)
            })
    });

    // variables of each root: defaults < TF_VAR_ < terraform.tfvars < terraform.tfvars.json
    // < *.auto.tfvars(.json) lexical < --var-file/--var in order
    let mut cli_bodies: Vec<Body> = Vec::new();
    for v in cli_vars {
        match v {
            CliVar::File(p) => {
                let k = kind_of(p);
                let id = out.files.files.len() as u32;
                let r = read_and_parse(
                    id,
                    p,
                    if k == Some(Kind::TfvarsJson) {
                        Kind::TfvarsJson
                    } else {
                        Kind::Tfvars
                    },
                );
                out.files.add(r.name.clone(), r.text.unwrap_or_default());
                match r.parsed {
                    Ok(Parsed::Vars(b)) => cli_bodies.push(b),
                    Ok(_) => {}
                    Err(d) => out.errors.push(d),
                }
            }
            CliVar::Pair(n, val) => cli_bodies.push(synthetic_var(&mut out.files, "--var", n, val)),
        }
    }
    let env_bodies: Vec<Body> = env_vars
        .iter()
        .map(|(n, v)| synthetic_var(&mut out.files, &format!("TF_VAR_{n}"), n, v))
        .collect();
    for root in out.roots.clone() {
        let mut vars: BTreeMap<String, Expr> = BTreeMap::new();
        let mut apply = |b: &Body| {
            for a in &b.attrs {
                vars.insert(a.name.clone(), a.expr.clone());
            }
        };
        env_bodies.iter().for_each(&mut apply);
        if let Some(list) = tfvars.get(&root) {
            let rank = |n: &str| match n {
                "terraform.tfvars" => Some(0),
                "terraform.tfvars.json" => Some(1),
                n if n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json") => Some(2),
                _ => None,
            };
            let mut ordered: Vec<&(String, u32, Body)> =
                list.iter().filter(|(n, _, _)| rank(n).is_some()).collect();
            ordered.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));
            for (_, _, b) in ordered {
                apply(b);
            }
        }
        cli_bodies.iter().for_each(&mut apply);
        out.root_vars.insert(root, vars);
    }
    // what file() and API bodies may read: the linted directories, the modules, the repository
    let mut scope: BTreeSet<PathBuf> = linted.iter().cloned().collect();
    scope.extend(out.modules.keys().cloned());
    for d in &linted {
        if let Some(repo) = d.ancestors().find(|a| a.join(".git").exists()) {
            scope.insert(repo.to_path_buf());
        }
    }
    out.read_scope = scope.into_iter().collect();
    index_documents(&mut out);
    out
}

/// Reads the OpenAPI documents API bodies name by a literal path (see [`Loaded::documents`]).
fn index_documents(out: &mut Loaded) {
    let mut wanted: Vec<(Span, PathBuf)> = Vec::new();
    for (dir, m) in &out.modules {
        for r in &m.resources {
            if !matches!(
                r.rtype.as_str(),
                "aws_api_gateway_rest_api" | "aws_apigatewayv2_api"
            ) {
                continue;
            }
            let Some(a) = r.body.attrs.iter().find(|a| a.name == "body") else {
                continue;
            };
            if let Some(rel) = document_path(&a.expr) {
                let rel: PathBuf = Path::new(&rel)
                    .components()
                    .filter(|c| !matches!(c, std::path::Component::CurDir))
                    .collect();
                wanted.push((a.span, dir.join(rel)));
            }
        }
    }
    let mut by_path: BTreeMap<PathBuf, u32> = BTreeMap::new();
    for (span, path) in wanted {
        let id = match by_path.get(&path) {
            Some(id) => *id,
            None => {
                // a document that cannot be read (or may not: outside the read scope) is the
                // error of the file() call that reads it
                if !in_read_scope(&out.read_scope, &path) {
                    continue;
                }
                let Ok(text) = crate::input::read_string(&path) else {
                    continue;
                };
                let id = out.files.add(display_path(&path), text);
                by_path.insert(path, id);
                id
            }
        };
        out.documents.insert(span, id);
    }
}

/// The path (relative to the module directory) a `templatefile(...)` / `file(...)` body reads,
/// when it is a literal or `${path.module}/literal`.
fn document_path(e: &Expr) -> Option<String> {
    use crate::ast::{Op, TPart};
    let Expr::Call(name, args, _, _) = e else {
        return None;
    };
    if !matches!(name.as_str(), "templatefile" | "file") {
        return None;
    }
    match args.first()? {
        Expr::Str(s, _) => Some(s.clone()),
        Expr::Template(parts, _) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    TPart::Lit(s) => out.push_str(s),
                    TPart::Interp(Expr::Traversal(b, ops, _))
                        if matches!(&**b, Expr::Var(v, _) if v == "path")
                            && matches!(ops.as_slice(), [Op::Attr(a)] if a == "module") =>
                    {
                        out.push('.')
                    }
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// A variable given on the command line or in the environment, as a one-line synthetic file so
/// that findings can point at it. Values that look like HCL lists/objects are parsed as such.
fn synthetic_var(files: &mut Files, label: &str, name: &str, value: &str) -> Body {
    let text = format!("{name} = {value}");
    let id = files.add(format!("<{label}>"), text.clone());
    let span = Span::new(id, name.len() + 3..text.len());
    let t = value.trim_start();
    let expr = if t.starts_with('[') || t.starts_with('{') {
        hcl::parse_body(id, &text)
            .ok()
            .and_then(|b| b.attrs.into_iter().next().map(|a| a.expr))
            .unwrap_or_else(|| Expr::Str(value.to_string(), span))
    } else {
        Expr::Str(value.to_string(), span)
    };
    Body {
        attrs: vec![crate::ast::Attr {
            name: name.to_string(),
            expr,
            span: Span::new(id, 0..text.len()),
        }],
        blocks: vec![],
    }
}
