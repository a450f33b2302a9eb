//! HCL native syntax (hcl-edit, with spans) → `ast`.

use crate::ast::{Attr, BinOp, Block, Body, Expr, ForExpr, ObjKey, Op, TPart};
use crate::eval::funcs::nfc;
use crate::source::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Strip, Template};

/// A parse error: byte offset of the problem and the parser's message.
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

pub fn parse_body(file: u32, text: &str) -> Result<Body, ParseError> {
    let parse = |text: &str| {
        hcl_edit::parser::parse_body(text).or_else(|e| {
            // HCL ignores line breaks inside `{ for ... }`; hcl-edit does not: retry with those
            // line breaks as spaces (same byte offsets, so every span still points at the text)
            match join_for_object_lines(text) {
                Some(t) => hcl_edit::parser::parse_body(&t).map_err(|_| e),
                None => Err(e),
            }
        })
    };
    let mut parsed = parse(text);
    // HCL accepts a key written twice in an object constructor (the last wins); hcl-edit does
    // not: the repeated key is requoted (`a = 2` → `"a"=2`, same length) and parsed again
    // (at most 64 times, and at most 64 MiB parsed again in all: bounded on any input)
    let mut owned: Option<String> = None;
    let tries = ((64usize << 20) / text.len().max(1)).clamp(1, 64);
    for _ in 0..tries {
        let Err(e) = &parsed else { break };
        if !e.message().contains("redefined object key") {
            break;
        }
        let cur = owned.as_deref().unwrap_or(text);
        let Some(t) = requote_key(cur, e.location().offset()) else {
            break;
        };
        parsed = parse(&t);
        owned = Some(t);
    }
    let body = parsed.map_err(|e| {
        let loc = e.location();
        ParseError {
            offset: loc.offset(),
            message: e.message().to_string(),
        }
    })?;
    let cx = Cx { file, src: text };
    Ok(cx.body(&body))
}

/// `text` with the object key at `at` written the other way, byte for byte the same length:
/// `key = v` → `"key"=v` (two blanks around the `=` or `:` taken), `"key"` → `key  `; `None`
/// when it cannot be (no blanks to take, a key that is not a plain name).
fn requote_key(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    let ident_len = |s: &str| {
        let mut n = 0;
        for (i, c) in s.char_indices() {
            let ok = if i == 0 {
                c.is_alphabetic() || c == '_'
            } else {
                c.is_alphanumeric() || c == '_' || c == '-'
            };
            if !ok {
                break;
            }
            n = i + c.len_utf8();
        }
        n
    };
    if let Some(q) = rest.strip_prefix('"') {
        let n = ident_len(q);
        if n == 0 || !q[n..].starts_with('"') {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..at]);
        out.push_str(&q[..n]);
        out.push_str("  ");
        out.push_str(&q[n + 1..]);
        return Some(out);
    }
    let n = ident_len(rest);
    if n == 0 {
        return None;
    }
    let after = &rest[n..];
    let ws1 = after.len() - after.trim_start_matches([' ', '\t']).len();
    let sep = after[ws1..].chars().next()?;
    if sep != '=' && sep != ':' {
        return None;
    }
    let tail = &after[ws1 + 1..];
    let ws2 = tail.len() - tail.trim_start_matches([' ', '\t']).len();
    if ws1 + ws2 < 2 {
        return None;
    }
    let keep = ws1 + ws2 - 2;
    let (k1, k2) = (keep.min(ws1), keep - keep.min(ws1));
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..at]);
    out.push('"');
    out.push_str(&rest[..n]);
    out.push('"');
    out.push_str(&" ".repeat(k1));
    out.push(sep);
    out.push_str(&" ".repeat(k2));
    out.push_str(&tail[ws2..]);
    debug_assert_eq!(out.len(), text.len());
    Some(out)
}

/// The text with every line break inside a `{ for ... }` expression turned into a space (and line
/// comments there blanked), byte for byte the same length; `None` when there is none.
fn join_for_object_lines(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut changed = false;
    // stack of open brackets; `true` for a `{` that starts a for expression
    let mut stack: Vec<(u8, bool)> = Vec::new();
    let mut i = 0;
    let in_for = |stack: &Vec<(u8, bool)>| stack.iter().any(|(_, f)| *f);
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => {
                // skip a quoted string (templates inside may nest braces; keep it simple)
                i += 1;
                let mut depth = 0usize;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 1,
                        b'$' | b'%' if b.get(i + 1) == Some(&b'{') => {
                            depth += 1;
                            i += 1;
                        }
                        b'}' if depth > 0 => depth -= 1,
                        b'"' if depth == 0 => break,
                        b'\n' if depth == 0 => break,
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' if b.get(i + 1) == Some(&b'<') => {
                // a heredoc: leave files that use them inside for expressions alone
                if in_for(&stack) {
                    return None;
                }
                let rest = &text[i + 2..];
                let rest = rest.strip_prefix('-').unwrap_or(rest);
                let marker: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if marker.is_empty() {
                    i += 2;
                    continue;
                }
                // skip to the line that is only the marker
                let mut pos = text[i..].find('\n').map(|p| i + p + 1)?;
                loop {
                    let end = text[pos..]
                        .find('\n')
                        .map(|p| pos + p)
                        .unwrap_or(text.len());
                    if text[pos..end].trim() == marker {
                        i = end;
                        break;
                    }
                    if end >= text.len() {
                        return None;
                    }
                    pos = end + 1;
                }
                continue;
            }
            b'#' => {
                let end = text[i..].find('\n').map(|p| i + p).unwrap_or(b.len());
                if in_for(&stack) {
                    out[i..end].iter_mut().for_each(|x| *x = b' ');
                    changed = true;
                }
                i = end;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map(|p| i + p).unwrap_or(b.len());
                if in_for(&stack) {
                    out[i..end].iter_mut().for_each(|x| *x = b' ');
                    changed = true;
                }
                i = end;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map(|p| i + 2 + p + 2)?;
                i = end;
                continue;
            }
            b'{' | b'[' | b'(' => {
                let rest = text[i + 1..].trim_start();
                let is_for = c == b'{'
                    && rest.starts_with("for")
                    && rest[3..].starts_with(|ch: char| ch.is_whitespace());
                stack.push((c, is_for));
            }
            b'}' | b']' | b')' => {
                stack.pop();
            }
            b'\n' if in_for(&stack) => {
                out[i] = b' ';
                changed = true;
            }
            _ => {}
        }
        i += 1;
    }
    if !changed {
        return None;
    }
    String::from_utf8(out).ok()
}

/// Parses one expression (spans are offsets into `text`).
pub fn parse_expr(file: u32, text: &str) -> Result<Expr, ParseError> {
    let e = hcl_edit::parser::parse_expr(text).map_err(|e| {
        let loc = e.location();
        ParseError {
            offset: loc.offset(),
            message: e.message().to_string(),
        }
    })?;
    Ok(Cx { file, src: text }.expr(&e))
}

/// Parses the inside of a JSON string as a template (Terraform JSON syntax); every part gets `span`.
pub fn parse_template_string(s: &str, span: Span) -> Result<Expr, String> {
    if !s.contains("${") && !s.contains("%{") {
        return Ok(Expr::Str(nfc(s.to_string()), span));
    }
    let t = hcl_edit::parser::parse_template(s).map_err(|e| e.message().to_string())?;
    let cx = Cx {
        file: span.file,
        src: s,
    };
    let mut parts = cx.template(&t, Mode::Bare);
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

fn respan_ops(ops: &mut [Op], span: Span) {
    for op in ops.iter_mut() {
        match op {
            Op::Index(e) => respan(e, span),
            Op::AttrSplat(inner) => respan_ops(inner, span),
            Op::Attr(_) | Op::Splat => {}
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
            respan_ops(ops, span);
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

struct Cx<'s> {
    file: u32,
    /// The text the parser read (spans index into it).
    src: &'s str,
}

/// How HCL's scanner cuts template literals into tokens, which decides how far a strip marker
/// (`~`) reaches: a quoted string or a bare template (JSON-syntax strings, templatefile) has one
/// literal token per run of text, a heredoc one per line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Quoted,
    Bare,
    Heredoc { flush: bool },
}

/// HCL's flat "template token" stream (hclsyntax parseTemplateParts), on which strip markers and
/// the `<<-` flush rule are applied before the if/for structure is rebuilt.
enum Tok {
    Lit(String),
    Interp(Expr),
    If(Expr),
    Else,
    EndIf,
    For(Option<String>, String, Expr),
    EndFor,
}

impl<'s> Cx<'s> {
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
            Expression::StringTemplate(t) => Expr::Template(self.template(t, Mode::Quoted), s),
            Expression::HeredocTemplate(h) => {
                // `<<-`: hcl-edit reports an indent only when it dedented (by its own rule); the
                // raw lines are re-read from the source and HCL's rule is applied instead.
                let flush = h.indent().is_some()
                    || e.span()
                        .and_then(|r| self.src.get(r.start..))
                        .is_some_and(|t| t.trim_start().starts_with("<<-"));
                Expr::Template(self.template(&h.template, Mode::Heredoc { flush }), s)
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
                let mut ops = Vec::new();
                // inside an attribute-only splat: the operations it applies to each element
                let mut attr_splat: Option<Vec<Op>> = None;
                for op in t.operators.iter() {
                    let one = match op.value() {
                        TraversalOperator::FullSplat(_) => Op::Splat,
                        TraversalOperator::AttrSplat(_) => {
                            if let Some(inner) = attr_splat.replace(Vec::new()) {
                                ops.push(Op::AttrSplat(inner));
                            }
                            continue;
                        }
                        TraversalOperator::GetAttr(i) => Op::Attr(i.as_str().to_string()),
                        TraversalOperator::Index(e) => Op::Index(self.expr(e)),
                        TraversalOperator::LegacyIndex(i) => {
                            Op::Index(Expr::Num(*i.value() as f64, s))
                        }
                    };
                    let continues_splat = matches!(
                        op.value(),
                        TraversalOperator::GetAttr(_) | TraversalOperator::LegacyIndex(_)
                    );
                    match &mut attr_splat {
                        Some(inner) if continues_splat => inner.push(one),
                        _ => {
                            if let Some(inner) = attr_splat.take() {
                                ops.push(Op::AttrSplat(inner));
                            }
                            ops.push(one);
                        }
                    }
                }
                if let Some(inner) = attr_splat {
                    ops.push(Op::AttrSplat(inner));
                }
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

    fn template(&self, t: &Template, mode: Mode) -> Vec<TPart> {
        let mut toks = Vec::new();
        self.flatten(t, mode, 0, &mut toks);
        if mode == (Mode::Heredoc { flush: true }) {
            flush_heredoc(&mut toks);
        }
        let mut it = toks.into_iter();
        build_parts(&mut it, &[]).0
    }

    /// Template elements → HCL's token stream, applying strip markers as hclsyntax does: `~` after
    /// an opener trims trailing whitespace of the literal token just before it, `~` before a closer
    /// trims leading whitespace of the literal token just after it.
    fn flatten(&self, t: &Template, mode: Mode, depth: usize, out: &mut Vec<(Tok, Strip)>) {
        for el in t.iter() {
            match el {
                Element::Literal(l) => {
                    let text = match mode {
                        Mode::Heredoc { flush: true } => l
                            .span()
                            .and_then(|r| self.src.get(r))
                            .map(|raw| raw.replace("$${", "${").replace("%%{", "%{"))
                            .unwrap_or_else(|| l.value().clone()),
                        // hcl-edit leaves the escapes of literals inside directives of a quoted
                        // string undecoded
                        Mode::Quoted if depth > 0 => l
                            .span()
                            .and_then(|r| self.src.get(r))
                            .map(unescape_quoted)
                            .unwrap_or_else(|| l.value().clone()),
                        _ => l.value().clone(),
                    };
                    if matches!(mode, Mode::Heredoc { .. }) {
                        for line in text.split_inclusive('\n') {
                            push_lit(out, line.to_string());
                        }
                    } else {
                        push_lit(out, text);
                    }
                }
                Element::Interpolation(i) => {
                    push_marker(out, Tok::Interp(self.expr(&i.expr)), i.strip);
                }
                Element::Directive(d) => match &**d {
                    Directive::If(i) => {
                        push_marker(
                            out,
                            Tok::If(self.expr(&i.if_expr.cond_expr)),
                            i.if_expr.strip,
                        );
                        self.flatten(&i.if_expr.template, mode, depth + 1, out);
                        if let Some(e) = &i.else_expr {
                            push_marker(out, Tok::Else, e.strip);
                            self.flatten(&e.template, mode, depth + 1, out);
                        }
                        push_marker(out, Tok::EndIf, i.endif_expr.strip);
                    }
                    Directive::For(f) => {
                        push_marker(
                            out,
                            Tok::For(
                                f.for_expr.key_var.as_ref().map(|k| k.as_str().to_string()),
                                f.for_expr.value_var.as_str().to_string(),
                                self.expr(&f.for_expr.collection_expr),
                            ),
                            f.for_expr.strip,
                        );
                        self.flatten(&f.for_expr.template, mode, depth + 1, out);
                        push_marker(out, Tok::EndFor, f.endfor_expr.strip);
                    }
                },
            }
        }
    }
}

/// The escapes of a quoted HCL string (hclsyntax ParseStringLiteralToken): `\n \r \t \" \\`,
/// `\uNNNN`, `\UNNNNNNNN`, and `$${` / `%%{` for a literal `${` / `%{`.
fn unescape_quoted(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let mut cs = rest[1..].chars();
            let (ch, used) = match cs.next() {
                Some('n') => (Some('\n'), 2),
                Some('r') => (Some('\r'), 2),
                Some('t') => (Some('\t'), 2),
                Some('"') => (Some('"'), 2),
                Some('\\') => (Some('\\'), 2),
                Some(k @ ('u' | 'U')) => {
                    let n = if k == 'u' { 4 } else { 8 };
                    let ch = rest
                        .get(2..2 + n)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32);
                    (ch, 2 + n)
                }
                _ => (None, 0),
            };
            if let Some(ch) = ch {
                out.push(ch);
                rest = &rest[used..];
                continue;
            }
        } else if rest.starts_with("$${") || rest.starts_with("%%{") {
            out.push_str(&rest[1..3]);
            rest = &rest[3..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Adds a literal token, trimming its leading whitespace when the marker before it ends in `~`.
fn push_lit(out: &mut Vec<(Tok, Strip)>, mut text: String) {
    if let Some((_, strip)) = out.last()
        && strip.strip_end()
    {
        text = text.trim_start().to_string();
    }
    out.push((Tok::Lit(text), Strip::None));
}

/// Adds an interpolation or directive token, trimming the trailing whitespace of the literal token
/// just before it when its opener ends in `~`.
fn push_marker(out: &mut Vec<(Tok, Strip)>, tok: Tok, strip: Strip) {
    if strip.strip_start()
        && let Some((Tok::Lit(prev), _)) = out.last_mut()
    {
        prev.truncate(prev.trim_end().len());
    }
    out.push((tok, strip));
}

/// The `<<-` rule (hclsyntax flushHeredocTemplateParts): the smallest count of leading whitespace
/// characters over the line-leading literal tokens is removed from each of them. A line-leading
/// token made only of whitespace and ending in a newline is a blank line and is not counted; a
/// line that starts with an interpolation or directive counts as 0.
fn flush_heredoc(toks: &mut [(Tok, Strip)]) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut min = usize::MAX;
    let mut newline = true;
    let mut adjust = Vec::new();
    for (i, (t, _)) in toks.iter().enumerate() {
        if newline {
            newline = false;
            let mut spaces = 0;
            if let Tok::Lit(s) = t {
                let trimmed = s.trim_start();
                if trimmed.is_empty() && s.ends_with('\n') {
                    spaces = usize::MAX;
                } else {
                    spaces = s[..s.len() - trimmed.len()].graphemes(true).count();
                    adjust.push(i);
                }
            }
            min = min.min(spaces);
        }
        if let Tok::Lit(s) = t
            && s.ends_with('\n')
        {
            newline = true;
        }
    }
    for i in adjust {
        if let (Tok::Lit(s), _) = &mut toks[i] {
            let cut: usize = s.graphemes(true).take(min).map(str::len).sum();
            s.replace_range(..cut, "");
        }
    }
}

/// Rebuilds the if/for structure from the token stream, up to one of `stop` (which is consumed and
/// returned).
fn build_parts(
    it: &mut std::vec::IntoIter<(Tok, Strip)>,
    stop: &[&str],
) -> (Vec<TPart>, &'static str) {
    let mut out = Vec::new();
    while let Some((t, _)) = it.next() {
        match t {
            Tok::Lit(s) => {
                if !s.is_empty() {
                    out.push(TPart::Lit(nfc(s)));
                }
            }
            Tok::Interp(e) => out.push(TPart::Interp(e)),
            Tok::If(c) => {
                let (a, end) = build_parts(it, &["else", "endif"]);
                let b = if end == "else" {
                    build_parts(it, &["endif"]).0
                } else {
                    Vec::new()
                };
                out.push(TPart::If(c, a, b));
            }
            Tok::For(k, v, c) => {
                let body = build_parts(it, &["endfor"]).0;
                out.push(TPart::For(k, v, c, body));
            }
            Tok::Else if stop.contains(&"else") => return (out, "else"),
            Tok::EndIf if stop.contains(&"endif") => return (out, "endif"),
            Tok::EndFor if stop.contains(&"endfor") => return (out, "endfor"),
            // hcl-edit only produces balanced directives
            Tok::Else | Tok::EndIf | Tok::EndFor => {}
        }
    }
    (out, "")
}
