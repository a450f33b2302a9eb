//! The syntax tree the evaluator reads. Both HCL (`.tf`, `.tfvars`) and Terraform JSON syntax are
//! converted into it, so evaluation and rules never see the parser's types.

use crate::source::Span;

#[derive(Clone, Debug)]
pub enum Expr {
    Null(Span),
    Bool(bool, Span),
    Num(f64, Span),
    Str(String, Span),
    Template(Vec<TPart>, Span),
    Array(Vec<Expr>, Span),
    Object(Vec<(ObjKey, Expr)>, Span),
    Var(String, Span),
    Traversal(Box<Expr>, Vec<Op>, Span),
    Call(String, Vec<Expr>, bool, Span),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>, Span),
    Not(Box<Expr>, Span),
    Neg(Box<Expr>, Span),
    Binary(BinOp, Box<Expr>, Box<Expr>, Span),
    For(Box<ForExpr>, Span),
}

#[derive(Clone, Debug)]
pub enum ObjKey {
    Name(String),
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct ForExpr {
    pub key_var: Option<String>,
    pub val_var: String,
    pub coll: Expr,
    pub key_expr: Option<Expr>,
    pub val_expr: Expr,
    pub cond: Option<Expr>,
    pub grouping: bool,
}

#[derive(Clone, Debug)]
pub enum TPart {
    Lit(String),
    Interp(Expr),
    If(Expr, Vec<TPart>, Vec<TPart>),
    For(Option<String>, String, Expr, Vec<TPart>),
}

#[derive(Clone, Debug)]
pub enum Op {
    Attr(String),
    Index(Expr),
    /// `[*]`: every following operation applies to each element.
    Splat,
    /// Legacy attribute-only splat `.*`: only the attribute (and `.N` index) operations written
    /// right after it apply to each element; what follows applies to the whole result.
    AttrSplat(Vec<Op>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Eq,
    Ne,
    Le,
    Ge,
    Lt,
    Gt,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Null(s)
            | Expr::Bool(_, s)
            | Expr::Num(_, s)
            | Expr::Str(_, s)
            | Expr::Template(_, s)
            | Expr::Array(_, s)
            | Expr::Object(_, s)
            | Expr::Var(_, s)
            | Expr::Traversal(_, _, s)
            | Expr::Call(_, _, _, s)
            | Expr::Cond(_, _, _, s)
            | Expr::Not(_, s)
            | Expr::Neg(_, s)
            | Expr::Binary(_, _, _, s)
            | Expr::For(_, s) => *s,
        }
    }

    /// The static references of an expression: every traversal rooted at a name, as the list of
    /// its leading attribute names (`aws_x.y.arn` → `["aws_x", "y", "arn"]`).
    pub fn references(&self, out: &mut Vec<Vec<String>>) {
        match self {
            Expr::Var(n, _) => out.push(vec![n.clone()]),
            Expr::Traversal(base, ops, _) => {
                if let Expr::Var(n, _) = &**base {
                    let mut path = vec![n.clone()];
                    for op in ops {
                        match op {
                            Op::Attr(a) => path.push(a.clone()),
                            _ => break,
                        }
                    }
                    out.push(path);
                } else {
                    base.references(out);
                }
                for op in ops {
                    if let Op::Index(e) = op {
                        e.references(out);
                    }
                }
            }
            Expr::Template(parts, _) => parts_refs(parts, out),
            Expr::Array(items, _) => items.iter().for_each(|e| e.references(out)),
            Expr::Object(items, _) => {
                for (k, v) in items {
                    if let ObjKey::Expr(k) = k {
                        k.references(out);
                    }
                    v.references(out);
                }
            }
            Expr::Call(_, args, _, _) => args.iter().for_each(|e| e.references(out)),
            Expr::Cond(a, b, c, _) => {
                a.references(out);
                b.references(out);
                c.references(out);
            }
            Expr::Not(a, _) | Expr::Neg(a, _) => a.references(out),
            Expr::Binary(_, a, b, _) => {
                a.references(out);
                b.references(out);
            }
            Expr::For(f, _) => {
                f.coll.references(out);
                let mut inner = Vec::new();
                if let Some(k) = &f.key_expr {
                    k.references(&mut inner);
                }
                f.val_expr.references(&mut inner);
                if let Some(c) = &f.cond {
                    c.references(&mut inner);
                }
                out.extend(
                    inner.into_iter().filter(|p| {
                        p[0] != f.val_var && f.key_var.as_deref() != Some(p[0].as_str())
                    }),
                );
            }
            Expr::Null(_) | Expr::Bool(..) | Expr::Num(..) | Expr::Str(..) => {}
        }
    }
}

fn parts_refs(parts: &[TPart], out: &mut Vec<Vec<String>>) {
    for p in parts {
        match p {
            TPart::Lit(_) => {}
            TPart::Interp(e) => e.references(out),
            TPart::If(c, a, b) => {
                c.references(out);
                parts_refs(a, out);
                parts_refs(b, out);
            }
            TPart::For(k, v, c, body) => {
                c.references(out);
                let mut inner = Vec::new();
                parts_refs(body, &mut inner);
                out.extend(
                    inner
                        .into_iter()
                        .filter(|p| p[0] != *v && k.as_deref() != Some(p[0].as_str())),
                );
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Attr {
    pub name: String,
    pub expr: Expr,
    /// The whole `name = value` text.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Body,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Body {
    pub attrs: Vec<Attr>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
    pub fn blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}
