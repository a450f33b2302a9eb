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
    /// Resource addresses (module-relative, no instance key) named in `depends_on`.
    pub depends_on: Vec<String>,
    /// Every reference path in the block's arguments (`["aws_x","y","arn"]`, `["var","name"]`),
    /// resolved to resource dependencies by the evaluator.
    pub refs: Vec<Vec<String>>,
}

impl ResDecl {
    pub fn local_addr(&self) -> String {
        match self.mode {
            Mode::Managed => format!("{}.{}", self.rtype, self.name),
            Mode::Data => format!("data.{}.{}", self.rtype, self.name),
        }
    }
}

#[derive(Debug)]
pub struct VarDecl {
    pub default: Option<Expr>,
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
        Some("module") if path.len() >= 2 => Some(format!("module.{}", path[1])),
        Some(
            "var" | "local" | "each" | "count" | "path" | "self" | "terraform" | "data" | "module",
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

fn list_names(e: &Expr) -> Vec<String> {
    match e {
        Expr::Array(items, _) => items.iter().filter_map(traversal_name).collect(),
        _ => vec![],
    }
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
            ("resource" | "data", 2) => {
                let mode = if b.kind == "data" {
                    Mode::Data
                } else {
                    Mode::Managed
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
                    .map(|a| {
                        list_names(&a.expr)
                            .into_iter()
                            .filter_map(|n| {
                                let p: Vec<String> = n.split('.').map(String::from).collect();
                                ref_to_resource(&p)
                            })
                            .collect()
                    })
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
                if self
                    .resources
                    .iter()
                    .any(|r| r.mode == decl.mode && r.rtype == decl.rtype && r.name == decl.name)
                {
                    errors.push(Diag::at(
                        format!(
                            "duplicate {} block \"{}\" \"{}\"",
                            b.kind, decl.rtype, decl.name
                        ),
                        decl.span,
                    ));
                    return;
                }
                self.resources.push(decl);
            }
            ("variable", 1) => {
                let default = b.body.attr("default").map(|a| a.expr.clone());
                self.variables.insert(
                    b.labels[0].clone(),
                    VarDecl {
                        default,
                        span: b.span,
                    },
                );
            }
            ("locals", 0) => {
                for a in b.body.attrs {
                    self.locals.insert(a.name.clone(), a);
                }
            }
            ("output", 1) => {
                if let Some(v) = b.body.attrs.into_iter().find(|a| a.name == "value") {
                    self.outputs.insert(b.labels[0].clone(), v);
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
                });
            }
            _ => {}
        }
    }
}
