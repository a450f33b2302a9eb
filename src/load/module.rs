//! Top-level blocks of one module directory, sorted into declarations.

use crate::ast::{Attr, Block, Body, Expr};
use crate::diag::Diag;
use crate::source::Span;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    Managed,
    Data,
    /// `ephemeral "aws_x" "y"`: opened during plan and apply, never stored.
    Ephemeral,
}

#[derive(Debug)]
pub struct ResDecl {
    pub mode: Mode,
    pub rtype: String,
    pub name: String,
    pub body: Body,
    pub span: Span,
    pub count: Option<Expr>,
    pub for_each: Option<Expr>,
    /// `aws` or `aws.alias` from the `provider` meta-argument.
    pub provider: Option<String>,
    /// Reference paths named in `depends_on` (`["aws_x","y"]`, `["module","m"]`, `["var","x"]`).
    pub depends_on: Vec<Vec<String>>,
    /// Every reference path in the block's arguments (`["aws_x","y","arn"]`, `["var","name"]`),
    /// resolved to resource dependencies by the evaluator.
    pub refs: Vec<Vec<String>>,
}

impl ResDecl {
    pub fn local_addr(&self) -> String {
        match self.mode {
            Mode::Managed => format!("{}.{}", self.rtype, self.name),
            Mode::Data => format!("data.{}.{}", self.rtype, self.name),
            Mode::Ephemeral => format!("ephemeral.{}.{}", self.rtype, self.name),
        }
    }
}

#[derive(Debug)]
pub struct VarDecl {
    pub default: Option<Expr>,
    /// The `type` constraint expression.
    pub ty: Option<Expr>,
    /// `nullable = false`: a null value means the default.
    pub nullable: Option<Expr>,
    pub ephemeral: bool,
    pub span: Span,
}

#[derive(Debug)]
pub struct CallDecl {
    pub name: String,
    pub source: String,
    pub source_span: Span,
    pub body: Body,
    pub span: Span,
    pub count: Option<Expr>,
    pub for_each: Option<Expr>,
    /// `providers = { aws = aws.east }`: child name → parent provider reference.
    pub providers: Vec<(String, String)>,
    /// The called module's directory, when `source` is a local path.
    pub dir: Option<PathBuf>,
    /// Reference paths named in the call's `depends_on`.
    pub depends_on: Vec<Vec<String>>,
    /// The `version` argument of a registry module.
    pub version: Option<String>,
}

#[derive(Debug)]
pub struct ProvDecl {
    pub name: String,
    pub alias: Option<String>,
    pub body: Body,
}

#[derive(Debug, Default)]
pub struct ModuleDef {
    pub dir: PathBuf,
    pub files: Vec<u32>,
    pub variables: BTreeMap<String, VarDecl>,
    pub locals: BTreeMap<String, Attr>,
    pub resources: Vec<ResDecl>,
    /// (mode, type, name) → index in `resources`.
    pub res_index: std::collections::HashMap<(Mode, String, String), usize>,
    pub calls: Vec<CallDecl>,
    pub outputs: BTreeMap<String, Attr>,
    pub providers: Vec<ProvDecl>,
}

/// Name of a traversal like `aws.east` or `aws_x.y` (string forms from JSON are parsed too).
pub fn traversal_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Var(n, _) => Some(n.clone()),
        Expr::Traversal(..) => {
            let mut refs = Vec::new();
            e.references(&mut refs);
            refs.into_iter().next().map(|p| p.join("."))
        }
        Expr::Str(s, _) => Some(s.clone()),
        Expr::Template(parts, _) if parts.len() == 1 => match &parts[0] {
            crate::ast::TPart::Interp(e) => traversal_name(e),
            _ => None,
        },
        _ => None,
    }
}

/// Module-relative resource address named by a reference path, if it names a resource.
pub fn ref_to_resource(path: &[String]) -> Option<String> {
    match path.first().map(String::as_str) {
        Some("data") if path.len() >= 3 => Some(format!("data.{}.{}", path[1], path[2])),
        Some("ephemeral") if path.len() >= 3 => Some(format!("ephemeral.{}.{}", path[1], path[2])),
        Some("module") if path.len() >= 2 => Some(format!("module.{}", path[1])),
        Some(
            "var" | "local" | "each" | "count" | "path" | "self" | "terraform" | "data" | "module"
            | "ephemeral",
        ) => None,
        Some(t) if t.contains('_') && path.len() >= 2 => Some(format!("{}.{}", t, path[1])),
        _ => None,
    }
}

fn collect_refs(body: &Body, out: &mut Vec<Vec<String>>) {
    for a in &body.attrs {
        if a.name == "depends_on" {
            continue;
        }
        a.expr.references(out);
    }
    for b in &body.blocks {
        collect_refs(&b.body, out);
    }
}

/// The reference paths of a `depends_on` list (JSON syntax writes them as strings).
fn depends_paths(e: &Expr) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if let Expr::Array(items, _) = e {
        for i in items {
            match i {
                Expr::Str(s, _) => out.push(
                    s.split('.')
                        .map(|x| x.split('[').next().unwrap_or(x).to_string())
                        .collect(),
                ),
                other => other.references(&mut out),
            }
        }
    }
    out
}

impl ModuleDef {
    /// Adds one file's top-level blocks. Duplicate declarations are reported as Terraform does.
    pub fn add_body(
        &mut self,
        file: u32,
        body: Body,
        dir_of: &dyn Fn(&str) -> Option<PathBuf>,
        errors: &mut Vec<Diag>,
    ) {
        self.files.push(file);
        for b in body.blocks {
            self.add_block(b, dir_of, errors);
        }
    }

    fn add_block(
        &mut self,
        b: Block,
        dir_of: &dyn Fn(&str) -> Option<PathBuf>,
        errors: &mut Vec<Diag>,
    ) {
        match (b.kind.as_str(), b.labels.len()) {
            ("resource" | "data" | "ephemeral", 2) => {
                let mode = match b.kind.as_str() {
                    "data" => Mode::Data,
                    "ephemeral" => Mode::Ephemeral,
                    _ => Mode::Managed,
                };
                let mut refs = Vec::new();
                collect_refs(&b.body, &mut refs);
                refs.sort();
                refs.dedup();
                let mut body = b.body;
                let take = |body: &mut Body, n: &str| -> Option<Attr> {
                    let i = body.attrs.iter().position(|a| a.name == n)?;
                    Some(body.attrs.remove(i))
                };
                let count = take(&mut body, "count").map(|a| a.expr);
                let for_each = take(&mut body, "for_each").map(|a| a.expr);
                let provider = take(&mut body, "provider").and_then(|a| traversal_name(&a.expr));
                let depends_on = take(&mut body, "depends_on")
                    .map(|a| depends_paths(&a.expr))
                    .unwrap_or_default();
                let decl = ResDecl {
                    mode,
                    rtype: b.labels[0].clone(),
                    name: b.labels[1].clone(),
                    body,
                    span: b.span,
                    count,
                    for_each,
                    provider,
                    depends_on,
                    refs,
                };
                let key = (decl.mode, decl.rtype.clone(), decl.name.clone());
                if self.res_index.contains_key(&key) {
                    errors.push(Diag::at(
                        format!(
                            "duplicate {} block \"{}\" \"{}\": a {} with this type and name is already declared in this module",
                            b.kind, decl.rtype, decl.name, b.kind
                        ),
                        decl.span,
                    ));
                    return;
                }
                self.res_index.insert(key, self.resources.len());
                self.resources.push(decl);
            }
            ("variable", 1) => {
                let get = |n: &str| b.body.attr(n).map(|a| a.expr.clone());
                let decl = VarDecl {
                    default: get("default"),
                    ty: get("type"),
                    nullable: get("nullable"),
                    ephemeral: matches!(get("ephemeral"), Some(Expr::Bool(true, _))),
                    span: b.span,
                };
                if self.variables.contains_key(&b.labels[0]) {
                    errors.push(Diag::at(
                        format!(
                            "duplicate variable \"{}\": a variable with this name is already declared in this module",
                            b.labels[0]
                        ),
                        b.span,
                    ));
                    return;
                }
                self.variables.insert(b.labels[0].clone(), decl);
            }
            ("locals", 0) => {
                for a in b.body.attrs {
                    if self.locals.contains_key(&a.name) {
                        errors.push(Diag::at(
                            format!(
                                "duplicate local value \"{}\": local.{} is already defined in this module",
                                a.name, a.name
                            ),
                            a.span,
                        ));
                        continue;
                    }
                    self.locals.insert(a.name.clone(), a);
                }
            }
            ("output", 1) => {
                if self.outputs.contains_key(&b.labels[0]) {
                    errors.push(Diag::at(
                        format!(
                            "duplicate output \"{}\": an output with this name is already declared in this module",
                            b.labels[0]
                        ),
                        b.span,
                    ));
                    return;
                }
                match b.body.attrs.into_iter().find(|a| a.name == "value") {
                    Some(v) => {
                        self.outputs.insert(b.labels[0].clone(), v);
                    }
                    None => errors.push(Diag::at(
                        format!("output \"{}\" has no value argument", b.labels[0]),
                        b.span,
                    )),
                }
            }
            ("provider", 1) => {
                let alias = b.body.attr("alias").and_then(|a| match &a.expr {
                    Expr::Str(s, _) => Some(s.clone()),
                    _ => None,
                });
                self.providers.push(ProvDecl {
                    name: b.labels[0].clone(),
                    alias,
                    body: b.body,
                });
            }
            ("module", 1) => {
                let Some(src) = b.body.attr("source") else {
                    errors.push(Diag::at(
                        format!("module \"{}\" has no source", b.labels[0]),
                        b.span,
                    ));
                    return;
                };
                let (source, source_span) = match &src.expr {
                    Expr::Str(s, sp) => (s.clone(), *sp),
                    other => {
                        errors.push(Diag::at(
                            "a module source must be a literal string".to_string(),
                            other.span(),
                        ));
                        return;
                    }
                };
                let mut providers = Vec::new();
                if let Some(Expr::Object(items, _)) = b.body.attr("providers").map(|a| &a.expr) {
                    for (k, v) in items {
                        let key = match k {
                            crate::ast::ObjKey::Name(n) => Some(n.clone()),
                            crate::ast::ObjKey::Expr(e) => traversal_name(e),
                        };
                        if let (Some(k), Some(v)) = (key, traversal_name(v)) {
                            providers.push((k, v));
                        }
                    }
                }
                let local = source.starts_with("./") || source.starts_with("../");
                let dir = if local { dir_of(&source) } else { None };
                let mut body = b.body;
                let take = |body: &mut Body, n: &str| -> Option<Expr> {
                    let i = body.attrs.iter().position(|a| a.name == n)?;
                    Some(body.attrs.remove(i).expr)
                };
                let count = take(&mut body, "count");
                let for_each = take(&mut body, "for_each");
                let depends_on = take(&mut body, "depends_on")
                    .map(|e| depends_paths(&e))
                    .unwrap_or_default();
                let version = take(&mut body, "version").and_then(|e| match e {
                    Expr::Str(s, _) => Some(s),
                    _ => None,
                });
                if self.calls.iter().any(|c| c.name == b.labels[0]) {
                    errors.push(Diag::at(
                        format!(
                            "duplicate module call \"{}\": a module call with this name is already declared in this module",
                            b.labels[0]
                        ),
                        b.span,
                    ));
                    return;
                }
                self.calls.push(CallDecl {
                    name: b.labels[0].clone(),
                    source,
                    source_span,
                    body,
                    span: b.span,
                    count,
                    for_each,
                    providers,
                    dir,
                    depends_on,
                    version,
                });
            }
            _ => {}
        }
    }
}
