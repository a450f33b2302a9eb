//! A small span-keeping JSON reader and the Terraform JSON syntax (`.tf.json`, `.tfvars.json`) → `ast`.

use super::hcl::{ParseError, parse_template_string};
use crate::ast::{Attr, Block, Body, Expr, ObjKey};
use crate::source::Span;

#[derive(Debug, Clone)]
pub enum J {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<JNode>),
    Obj(Vec<(String, Span, JNode)>),
}

#[derive(Debug, Clone)]
pub struct JNode {
    pub v: J,
    pub span: Span,
}

pub fn parse(file: u32, text: &str) -> Result<JNode, ParseError> {
    let mut p = P {
        b: text.as_bytes(),
        i: 0,
        file,
        depth: 0,
    };
    p.ws();
    let v = p.value()?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.err("unexpected text after the JSON value"));
    }
    Ok(v)
}

struct P<'a> {
    b: &'a [u8],
    i: usize,
    file: u32,
    depth: usize,
}

impl P<'_> {
    fn err(&self, m: &str) -> ParseError {
        // at the start of the character the parser stopped in (never inside a UTF-8 sequence)
        let mut offset = self.i.min(self.b.len());
        while offset > 0 && offset < self.b.len() && self.b[offset] & 0xC0 == 0x80 {
            offset -= 1;
        }
        ParseError {
            offset,
            message: m.to_string(),
        }
    }
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn value(&mut self) -> Result<JNode, ParseError> {
        let start = self.i;
        self.depth += 1;
        if self.depth > 512 {
            return Err(self.err("JSON nested too deeply"));
        }
        let v = match self.b.get(self.i) {
            None => return Err(self.err("unexpected end of JSON")),
            Some(b'{') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        let ks = self.i;
                        if self.b.get(self.i) != Some(&b'"') {
                            return Err(self.err("expected a quoted object key"));
                        }
                        let k = self.string()?;
                        let kspan = Span::new(self.file, ks..self.i);
                        self.ws();
                        if self.b.get(self.i) != Some(&b':') {
                            return Err(self.err("expected ':' after object key"));
                        }
                        self.i += 1;
                        self.ws();
                        let v = self.value()?;
                        items.push((k, kspan, v));
                        self.ws();
                        match self.b.get(self.i) {
                            Some(b',') => {
                                self.i += 1;
                                self.ws();
                                if self.b.get(self.i) == Some(&b'}') {
                                    return Err(self.err("trailing comma in object"));
                                }
                            }
                            Some(b'}') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.err("expected ',' or '}' in object")),
                        }
                    }
                }
                J::Obj(items)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        items.push(self.value()?);
                        self.ws();
                        match self.b.get(self.i) {
                            Some(b',') => {
                                self.i += 1;
                                self.ws();
                                if self.b.get(self.i) == Some(&b']') {
                                    return Err(self.err("trailing comma in array"));
                                }
                            }
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.err("expected ',' or ']' in array")),
                        }
                    }
                }
                J::Arr(items)
            }
            Some(b'"') => J::Str(self.string()?),
            Some(b't') => self.word("true", J::Bool(true))?,
            Some(b'f') => self.word("false", J::Bool(false))?,
            Some(b'n') => self.word("null", J::Null)?,
            Some(c) if *c == b'-' || c.is_ascii_digit() => {
                while self.i < self.b.len()
                    && matches!(
                        self.b[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                let s = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("");
                match s.parse::<f64>() {
                    Ok(n) => J::Num(n),
                    Err(_) => {
                        self.i = start;
                        return Err(self.err("invalid number"));
                    }
                }
            }
            Some(_) => return Err(self.err("unexpected character")),
        };
        self.depth -= 1;
        Ok(JNode {
            v,
            span: Span::new(self.file, start..self.i),
        })
    }
    fn word(&mut self, w: &str, v: J) -> Result<J, ParseError> {
        if self.b[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(self.err("unexpected word"))
        }
    }
    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.b.get(self.i) {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = *self
                        .b
                        .get(self.i)
                        .ok_or_else(|| self.err("unterminated string"))?;
                    self.i += 1;
                    match c {
                        b'"' => out.push(b'"'),
                        b'\\' => out.push(b'\\'),
                        b'/' => out.push(b'/'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'u' => {
                            let mut cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp)
                                && self.b[self.i..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                cp = 0x10000
                                    + ((cp - 0xD800) << 10)
                                    + (lo.wrapping_sub(0xDC00) & 0x3FF);
                            }
                            let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.err("invalid escape in string"));
                        }
                    }
                }
                Some(c) if *c < 0x20 => return Err(self.err("control character in string")),
                Some(c) => {
                    out.push(*c);
                    self.i += 1;
                }
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8 in string"))
    }
    fn hex4(&mut self) -> Result<u32, ParseError> {
        let s = self
            .b
            .get(self.i..self.i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err("invalid \\u escape"))?;
        self.i += 4;
        Ok(s)
    }
}

/// Converts a JSON value to an expression. With `templates`, strings are Terraform templates.
pub fn to_expr(n: &JNode, templates: bool) -> Result<Expr, ParseError> {
    Ok(match &n.v {
        J::Null => Expr::Null(n.span),
        J::Bool(b) => Expr::Bool(*b, n.span),
        J::Num(x) => Expr::Num(*x, n.span),
        J::Str(s) if templates => parse_template_string(s, n.span).map_err(|m| ParseError {
            offset: n.span.start as usize,
            message: format!("invalid template: {m}"),
        })?,
        J::Str(s) => Expr::Str(s.clone(), n.span),
        J::Arr(items) => Expr::Array(
            items
                .iter()
                .map(|i| to_expr(i, templates))
                .collect::<Result<_, _>>()?,
            n.span,
        ),
        J::Obj(items) => Expr::Object(
            items
                .iter()
                .filter(|(k, _, _)| k != "//")
                .map(|(k, _, v)| Ok((ObjKey::Name(k.clone()), to_expr(v, templates)?)))
                .collect::<Result<_, ParseError>>()?,
            n.span,
        ),
    })
}

/// Blocks whose JSON form is an object (or a list of objects) that must stay a nested block.
const NESTED_BLOCKS: &[&str] = &[
    "lifecycle",
    "dynamic",
    "provisioner",
    "connection",
    "content",
];

fn body_of(n: &JNode, kind: &str) -> Result<Body, ParseError> {
    let mut body = Body::default();
    let J::Obj(items) = &n.v else {
        return Err(ParseError {
            offset: n.span.start as usize,
            message: format!("a {kind} block must be a JSON object"),
        });
    };
    for (k, kspan, v) in items {
        if k == "//" {
            continue;
        }
        if NESTED_BLOCKS.contains(&k.as_str()) {
            let objs: Vec<&JNode> = match &v.v {
                J::Arr(a) => a.iter().collect(),
                _ => vec![v],
            };
            for o in objs {
                if k == "dynamic" {
                    // {"dynamic": {"scope": {"for_each": ..., "content": {...}}}}
                    if let J::Obj(d) = &o.v {
                        for (name, _, inner) in d {
                            body.blocks.push(Block {
                                kind: "dynamic".into(),
                                labels: vec![name.clone()],
                                body: body_of(inner, "dynamic")?,
                                span: inner.span,
                            });
                        }
                    }
                } else {
                    body.blocks.push(Block {
                        kind: k.clone(),
                        labels: vec![],
                        body: body_of(o, k)?,
                        span: o.span,
                    });
                }
            }
            continue;
        }
        // variable defaults are literal values, everything else is an expression
        let templates = !(kind == "variable" && (k == "default" || k == "type"));
        body.attrs.push(Attr {
            name: k.clone(),
            expr: to_expr(v, templates)?,
            span: Span {
                file: kspan.file,
                start: kspan.start,
                end: v.span.end,
            },
        });
    }
    Ok(body)
}

/// Terraform JSON configuration syntax → the same top-level body an HCL file gives.
pub fn config_body(root: &JNode) -> Result<Body, ParseError> {
    let J::Obj(top) = &root.v else {
        return Err(ParseError {
            offset: root.span.start as usize,
            message: "a .tf.json file must hold a JSON object".into(),
        });
    };
    let mut out = Body::default();
    for (kind, _, v) in top {
        match kind.as_str() {
            "resource" | "data" => {
                for (rtype, _, names) in obj(v, kind)? {
                    for (name, _, b) in obj(names, kind)? {
                        for one in list_or_one(b) {
                            out.blocks.push(Block {
                                kind: kind.clone(),
                                labels: vec![rtype.clone(), name.clone()],
                                body: body_of(one, kind)?,
                                span: one.span,
                            });
                        }
                    }
                }
            }
            "variable" | "output" | "module" | "provider" => {
                for (name, _, b) in obj(v, kind)? {
                    for one in list_or_one(b) {
                        out.blocks.push(Block {
                            kind: kind.clone(),
                            labels: vec![name.clone()],
                            body: body_of(one, kind)?,
                            span: one.span,
                        });
                    }
                }
            }
            "locals" => {
                for one in list_or_one(v) {
                    out.blocks.push(Block {
                        kind: "locals".into(),
                        labels: vec![],
                        body: body_of(one, "locals")?,
                        span: one.span,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A `.tfvars.json` file: top-level keys are variable values (plain JSON, no templates).
pub fn tfvars_body(root: &JNode) -> Result<Body, ParseError> {
    let J::Obj(top) = &root.v else {
        return Err(ParseError {
            offset: root.span.start as usize,
            message: "a .tfvars.json file must hold a JSON object".into(),
        });
    };
    let mut out = Body::default();
    for (k, ks, v) in top {
        out.attrs.push(Attr {
            name: k.clone(),
            expr: to_expr(v, false)?,
            span: Span {
                file: ks.file,
                start: ks.start,
                end: v.span.end,
            },
        });
    }
    Ok(out)
}

fn obj<'a>(n: &'a JNode, kind: &str) -> Result<&'a [(String, Span, JNode)], ParseError> {
    match &n.v {
        J::Obj(o) => Ok(o),
        _ => Err(ParseError {
            offset: n.span.start as usize,
            message: format!("\"{kind}\" must map names to JSON objects"),
        }),
    }
}

fn list_or_one(n: &JNode) -> Vec<&JNode> {
    match &n.v {
        J::Arr(a) => a.iter().collect(),
        _ => vec![n],
    }
}
