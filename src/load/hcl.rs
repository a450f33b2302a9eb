//! HCL native syntax (hcl-edit, with spans) → `ast`.

use crate::ast::{Attr, BinOp, Block, Body, Expr, ForExpr, ObjKey, Op, TPart};
use crate::eval::funcs::nfc;
use crate::source::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};

/// A parse error: byte offset of the problem and the parser's message.
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

pub fn parse_body(file: u32, text: &str) -> Result<Body, ParseError> {
    let body = hcl_edit::parser::parse_body(text).map_err(|e| {
        let loc = e.location();
        ParseError {
            offset: loc.offset(),
            message: e.message().to_string(),
        }
    })?;
    let cx = Cx { file };
    Ok(cx.body(&body))
}

/// Parses the inside of a JSON string as a template (Terraform JSON syntax); every part gets `span`.
pub fn parse_template_string(s: &str, span: Span) -> Result<Expr, String> {
    if !s.contains("${") && !s.contains("%{") {
        return Ok(Expr::Str(nfc(s.to_string()), span));
    }
    let t = hcl_edit::parser::parse_template(s).map_err(|e| e.message().to_string())?;
    let cx = Cx { file: span.file };
    let mut parts = cx.template(&t);
    for p in parts.iter_mut() {
        respan_part(p, span);
    }
    Ok(Expr::Template(parts, span))
}

fn respan_part(p: &mut TPart, span: Span) {
    match p {
        TPart::Lit(_) => {}
        TPart::Interp(e) => respan(e, span),
        TPart::If(c, a, b) => {
            respan(c, span);
            a.iter_mut().for_each(|p| respan_part(p, span));
            b.iter_mut().for_each(|p| respan_part(p, span));
        }
        TPart::For(_, _, c, body) => {
            respan(c, span);
            body.iter_mut().for_each(|p| respan_part(p, span));
        }
    }
}

/// Gives every node of an expression the same span (used for expressions embedded in JSON strings,
/// whose inner offsets do not map onto the file when the string has escapes).
fn respan(e: &mut Expr, span: Span) {
    match e {
        Expr::Null(s) | Expr::Bool(_, s) | Expr::Num(_, s) | Expr::Str(_, s) | Expr::Var(_, s) => {
            *s = span
        }
        Expr::Template(parts, s) => {
            *s = span;
            parts.iter_mut().for_each(|p| respan_part(p, span));
        }
        Expr::Array(items, s) => {
            *s = span;
            items.iter_mut().for_each(|e| respan(e, span));
        }
        Expr::Object(items, s) => {
            *s = span;
            for (k, v) in items.iter_mut() {
                if let ObjKey::Expr(k) = k {
                    respan(k, span);
                }
                respan(v, span);
            }
        }
        Expr::Traversal(b, ops, s) => {
            *s = span;
            respan(b, span);
            for op in ops.iter_mut() {
                if let Op::Index(e) = op {
                    respan(e, span);
                }
            }
        }
        Expr::Call(_, args, _, s) => {
            *s = span;
            args.iter_mut().for_each(|e| respan(e, span));
        }
        Expr::Cond(a, b, c, s) => {
            *s = span;
            respan(a, span);
            respan(b, span);
            respan(c, span);
        }
        Expr::Not(a, s) | Expr::Neg(a, s) => {
            *s = span;
            respan(a, span);
        }
        Expr::Binary(_, a, b, s) => {
            *s = span;
            respan(a, span);
            respan(b, span);
        }
        Expr::For(f, s) => {
            *s = span;
            respan(&mut f.coll, span);
            if let Some(k) = &mut f.key_expr {
                respan(k, span);
            }
            respan(&mut f.val_expr, span);
            if let Some(c) = &mut f.cond {
                respan(c, span);
            }
        }
    }
}

struct Cx {
    file: u32,
}

impl Cx {
    fn sp(&self, r: Option<std::ops::Range<usize>>) -> Span {
        Span::new(self.file, r.unwrap_or(0..0))
    }

    fn body(&self, body: &hcl_edit::structure::Body) -> Body {
        let mut out = Body::default();
        for a in body.attributes() {
            out.attrs.push(Attr {
                name: a.key.as_str().to_string(),
                expr: self.expr(&a.value),
                span: self.sp(a.span()),
            });
        }
        for b in body.blocks() {
            out.blocks.push(Block {
                kind: b.ident.as_str().to_string(),
                labels: b.labels.iter().map(|l| l.as_str().to_string()).collect(),
                body: self.body(&b.body),
                span: self.sp(b.span()),
            });
        }
        out
    }

    fn expr(&self, e: &Expression) -> Expr {
        let s = self.sp(e.span());
        match e {
            Expression::Null(_) => Expr::Null(s),
            Expression::Bool(b) => Expr::Bool(*b.value(), s),
            Expression::Number(n) => Expr::Num(n.value().as_f64().unwrap_or(f64::NAN), s),
            Expression::String(v) => Expr::Str(nfc(v.value().clone()), s),
            Expression::Array(a) => Expr::Array(a.iter().map(|e| self.expr(e)).collect(), s),
            Expression::Object(o) => Expr::Object(
                o.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            hcl_edit::expr::ObjectKey::Ident(i) => ObjKey::Name(i.as_str().into()),
                            hcl_edit::expr::ObjectKey::Expression(e) => match self.expr(e) {
                                // `"name" = x` and `name = x` are both literal keys
                                Expr::Str(s, _) => ObjKey::Name(s),
                                // a bare identifier in parentheses-less form is a literal key too
                                Expr::Var(n, _) => ObjKey::Name(n),
                                Expr::Null(_) => ObjKey::Name("null".into()),
                                Expr::Bool(b, _) => ObjKey::Name(b.to_string()),
                                other => ObjKey::Expr(other),
                            },
                        };
                        (key, self.expr(v.expr()))
                    })
                    .collect(),
                s,
            ),
            Expression::StringTemplate(t) => Expr::Template(self.template(t), s),
            Expression::HeredocTemplate(h) => {
                let mut parts = self.template(&h.template);
                if let Some(n) = h.indent() {
                    dedent(&mut parts, n);
                }
                Expr::Template(parts, s)
            }
            Expression::Parenthesis(p) => self.expr(p.inner()),
            Expression::Variable(v) => Expr::Var(v.as_str().to_string(), s),
            Expression::Conditional(c) => Expr::Cond(
                Box::new(self.expr(&c.cond_expr)),
                Box::new(self.expr(&c.true_expr)),
                Box::new(self.expr(&c.false_expr)),
                s,
            ),
            Expression::FuncCall(f) => {
                let mut name = String::new();
                for ns in &f.name.namespace {
                    name.push_str(ns.as_str());
                    name.push_str("::");
                }
                name.push_str(f.name.name.as_str());
                Expr::Call(
                    name,
                    f.args.iter().map(|e| self.expr(e)).collect(),
                    f.args.expand_final(),
                    s,
                )
            }
            Expression::Traversal(t) => {
                let ops = t
                    .operators
                    .iter()
                    .map(|op| match op.value() {
                        TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                            Op::Splat
                        }
                        TraversalOperator::GetAttr(i) => Op::Attr(i.as_str().to_string()),
                        TraversalOperator::Index(e) => Op::Index(self.expr(e)),
                        TraversalOperator::LegacyIndex(i) => {
                            Op::Index(Expr::Num(*i.value() as f64, s))
                        }
                    })
                    .collect();
                Expr::Traversal(Box::new(self.expr(&t.expr)), ops, s)
            }
            Expression::UnaryOp(u) => {
                let inner = Box::new(self.expr(&u.expr));
                match u.operator.value() {
                    UnaryOperator::Neg => Expr::Neg(inner, s),
                    UnaryOperator::Not => Expr::Not(inner, s),
                }
            }
            Expression::BinaryOp(b) => {
                let op = match b.operator.value() {
                    BinaryOperator::Eq => BinOp::Eq,
                    BinaryOperator::NotEq => BinOp::Ne,
                    BinaryOperator::LessEq => BinOp::Le,
                    BinaryOperator::GreaterEq => BinOp::Ge,
                    BinaryOperator::Less => BinOp::Lt,
                    BinaryOperator::Greater => BinOp::Gt,
                    BinaryOperator::Plus => BinOp::Add,
                    BinaryOperator::Minus => BinOp::Sub,
                    BinaryOperator::Mul => BinOp::Mul,
                    BinaryOperator::Div => BinOp::Div,
                    BinaryOperator::Mod => BinOp::Mod,
                    BinaryOperator::And => BinOp::And,
                    BinaryOperator::Or => BinOp::Or,
                };
                Expr::Binary(
                    op,
                    Box::new(self.expr(&b.lhs_expr)),
                    Box::new(self.expr(&b.rhs_expr)),
                    s,
                )
            }
            Expression::ForExpr(f) => Expr::For(
                Box::new(ForExpr {
                    key_var: f.intro.key_var.as_ref().map(|k| k.as_str().to_string()),
                    val_var: f.intro.value_var.as_str().to_string(),
                    coll: self.expr(&f.intro.collection_expr),
                    key_expr: f.key_expr.as_ref().map(|k| self.expr(k)),
                    val_expr: self.expr(&f.value_expr),
                    cond: f.cond.as_ref().map(|c| self.expr(&c.expr)),
                    grouping: f.grouping,
                }),
                s,
            ),
        }
    }

    fn template(&self, t: &Template) -> Vec<TPart> {
        let mut out = Vec::new();
        for el in t.iter() {
            match el {
                Element::Literal(l) => out.push(TPart::Lit(nfc(l.value().clone()))),
                Element::Interpolation(i) => out.push(TPart::Interp(self.expr(&i.expr))),
                Element::Directive(d) => match &**d {
                    Directive::If(i) => out.push(TPart::If(
                        self.expr(&i.if_expr.cond_expr),
                        self.template(&i.if_expr.template),
                        i.else_expr
                            .as_ref()
                            .map(|e| self.template(&e.template))
                            .unwrap_or_default(),
                    )),
                    Directive::For(f) => out.push(TPart::For(
                        f.for_expr.key_var.as_ref().map(|k| k.as_str().to_string()),
                        f.for_expr.value_var.as_str().to_string(),
                        self.expr(&f.for_expr.collection_expr),
                        self.template(&f.for_expr.template),
                    )),
                },
            }
        }
        out
    }
}

fn dedent(parts: &mut [TPart], n: usize) {
    let mut at_line_start = true;
    for p in parts.iter_mut() {
        if let TPart::Lit(s) = p {
            let mut out = String::with_capacity(s.len());
            for (i, line) in s.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                    at_line_start = true;
                }
                if at_line_start {
                    let strip = line.chars().take(n).take_while(|c| *c == ' ').count();
                    out.push_str(&line[strip..]);
                } else {
                    out.push_str(line);
                }
                at_line_start = false;
            }
            *s = out;
        } else {
            at_line_start = false;
        }
    }
}
