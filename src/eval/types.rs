//! Terraform's type system for values: type constraints (`variable` `type`, with `optional()`
//! defaults), conversion (what Terraform does when a value is bound to a typed variable or passed
//! to `tolist`/`tomap`/…), unification (conditional results, `[…]` to `list(any)`), and equality
//! (`==` compares type and value, as cty's `Equals`).

use crate::ast::{Expr, ObjKey};
use crate::value::{Origin, Ty, V, Val, fmt_num, merge_origins};
use std::collections::BTreeMap;

/// A type constraint: a type, possibly with `any` parts and optional object attributes.
#[derive(Clone, Debug)]
pub enum Con {
    Any,
    Bool,
    Num,
    Str,
    List(Box<Con>),
    Set(Box<Con>),
    Map(Box<Con>),
    Tuple(Vec<Con>),
    Obj(Vec<ObjAttr>),
}

#[derive(Clone, Debug)]
pub struct ObjAttr {
    pub name: String,
    pub con: Con,
    pub optional: bool,
    /// `optional(T, default)`: the default, already evaluated.
    pub default: Option<Val>,
}

impl Con {
    pub fn from_ty(t: &Ty) -> Con {
        match t {
            Ty::Dynamic => Con::Any,
            Ty::Bool => Con::Bool,
            Ty::Num => Con::Num,
            Ty::Str => Con::Str,
            Ty::List(e) => Con::List(Box::new(Con::from_ty(e))),
            Ty::Set(e) => Con::Set(Box::new(Con::from_ty(e))),
            Ty::Map(e) => Con::Map(Box::new(Con::from_ty(e))),
            Ty::Tuple(ts) => Con::Tuple(ts.iter().map(Con::from_ty).collect()),
            Ty::Obj(m) => Con::Obj(
                m.iter()
                    .map(|(k, v)| ObjAttr {
                        name: k.clone(),
                        con: Con::from_ty(v),
                        optional: false,
                        default: None,
                    })
                    .collect(),
            ),
        }
    }
    /// The type of values that satisfy the constraint (`any` parts are `Dynamic`).
    pub fn ty(&self) -> Ty {
        match self {
            Con::Any => Ty::Dynamic,
            Con::Bool => Ty::Bool,
            Con::Num => Ty::Num,
            Con::Str => Ty::Str,
            Con::List(e) => Ty::List(Box::new(e.ty())),
            Con::Set(e) => Ty::Set(Box::new(e.ty())),
            Con::Map(e) => Ty::Map(Box::new(e.ty())),
            Con::Tuple(ts) => Ty::Tuple(ts.iter().map(Con::ty).collect()),
            Con::Obj(a) => Ty::Obj(a.iter().map(|a| (a.name.clone(), a.con.ty())).collect()),
        }
    }
    fn has_any(&self) -> bool {
        match self {
            Con::Any => true,
            Con::Bool | Con::Num | Con::Str => false,
            Con::List(e) | Con::Set(e) | Con::Map(e) => e.has_any(),
            Con::Tuple(ts) => ts.iter().any(Con::has_any),
            Con::Obj(a) => a.iter().any(|a| a.con.has_any()),
        }
    }
}

/// Parses a `type` expression. `eval` evaluates `optional()` defaults (constant expressions).
pub fn parse_con(e: &Expr, eval: &dyn Fn(&Expr) -> Val) -> Result<Con, String> {
    parse_con_in(e, eval, false)
}

fn parse_con_in(e: &Expr, eval: &dyn Fn(&Expr) -> Val, in_obj: bool) -> Result<Con, String> {
    let _ = in_obj;
    match e {
        Expr::Var(n, _) => match n.as_str() {
            "string" => Ok(Con::Str),
            "number" => Ok(Con::Num),
            "bool" => Ok(Con::Bool),
            "any" => Ok(Con::Any),
            // the legacy bare keywords mean a collection of any
            "list" => Ok(Con::List(Box::new(Con::Any))),
            "set" => Ok(Con::Set(Box::new(Con::Any))),
            "map" => Ok(Con::Map(Box::new(Con::Any))),
            other => Err(format!("\"{other}\" is not a valid type")),
        },
        // Terraform JSON syntax writes the constraint as a string
        Expr::Str(s, span) => {
            let text = format!("x = {s}");
            let body = crate::load::hcl::parse_body(span.file, &text)
                .map_err(|e| format!("invalid type constraint \"{s}\": {}", e.message))?;
            let a = body
                .attrs
                .into_iter()
                .next()
                .ok_or_else(|| format!("invalid type constraint \"{s}\""))?;
            if matches!(a.expr, Expr::Str(..)) {
                return Err(format!(
                    "quoted type constraints are not supported: write {s} without quotes"
                ));
            }
            parse_con_in(&a.expr, eval, in_obj)
        }
        Expr::Call(name, args, _, _) => {
            let one = |what: &str| -> Result<&Expr, String> {
                match args.as_slice() {
                    [a] => Ok(a),
                    _ => Err(format!("{what}() takes exactly one argument")),
                }
            };
            match name.as_str() {
                "list" => Ok(Con::List(Box::new(parse_con_in(
                    one("list")?,
                    eval,
                    false,
                )?))),
                "set" => Ok(Con::Set(Box::new(parse_con_in(one("set")?, eval, false)?))),
                "map" => Ok(Con::Map(Box::new(parse_con_in(one("map")?, eval, false)?))),
                "tuple" => match one("tuple")? {
                    Expr::Array(items, _) => Ok(Con::Tuple(
                        items
                            .iter()
                            .map(|i| parse_con_in(i, eval, false))
                            .collect::<Result<_, _>>()?,
                    )),
                    _ => Err("tuple() takes a list of element types".into()),
                },
                "object" => {
                    match one("object")? {
                        Expr::Object(items, _) => {
                            let mut attrs: Vec<ObjAttr> = Vec::new();
                            for (k, v) in items {
                                let name = match k {
                                    ObjKey::Name(n) => n.clone(),
                                    ObjKey::Expr(Expr::Var(n, _)) => n.clone(),
                                    ObjKey::Expr(_) => {
                                        return Err(
                                            "object type attribute names must be identifiers"
                                                .into(),
                                        );
                                    }
                                };
                                let (con, optional, default) = match v {
                                Expr::Call(f, oargs, _, _) if f == "optional" => match oargs.as_slice() {
                                    [t] => (parse_con_in(t, eval, true)?, true, None),
                                    [t, d] => {
                                        let con = parse_con_in(t, eval, true)?;
                                        let dv = eval(d);
                                        let dv = convert(&dv, &con).map_err(|m| {
                                            format!("invalid default value for optional attribute \"{name}\": {m}")
                                        })?;
                                        (con, true, Some(dv))
                                    }
                                    _ => return Err("optional() takes a type and, optionally, a default value".into()),
                                },
                                other => (parse_con_in(other, eval, false)?, false, None),
                            };
                                if attrs.iter().any(|a| a.name == name) {
                                    return Err(format!(
                                        "duplicate attribute \"{name}\" in object type"
                                    ));
                                }
                                attrs.push(ObjAttr {
                                    name,
                                    con,
                                    optional,
                                    default,
                                });
                            }
                            attrs.sort_by(|a, b| a.name.cmp(&b.name));
                            Ok(Con::Obj(attrs))
                        }
                        _ => Err("object() takes an object of attribute types".into()),
                    }
                }
                "optional" => {
                    Err("optional() is allowed only as the type of an object attribute".into())
                }
                other => Err(format!("{other}() is not a type constructor")),
            }
        }
        _ => Err("invalid type constraint".into()),
    }
}

fn kind_name(v: &Val) -> String {
    match &v.v {
        V::Null => "null".into(),
        V::Bool(_) => "bool".into(),
        V::Num(_) => "number".into(),
        V::Str(_) | V::Template(_) => "string".into(),
        V::List(_) => match &v.ty {
            Some(Ty::List(_)) => "list".into(),
            Some(Ty::Set(_)) => "set".into(),
            _ => "tuple".into(),
        },
        V::Obj(_) => match &v.ty {
            Some(Ty::Map(_)) => "map".into(),
            _ => "object".into(),
        },
        V::Unknown(_) => "unknown".into(),
    }
}

/// Parses a number as cty does (decimal, optional sign, fraction and exponent).
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s;
    if t.is_empty() || t.trim() != t {
        return None;
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let mut chars = body.chars().peekable();
    let mut digits = 0;
    while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
        chars.next();
        digits += 1;
    }
    if chars.peek() == Some(&'.') {
        chars.next();
        while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
            chars.next();
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if matches!(chars.peek(), Some('e' | 'E')) {
        chars.next();
        if matches!(chars.peek(), Some('+' | '-')) {
            chars.next();
        }
        let mut exp = 0;
        while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
            chars.next();
            exp += 1;
        }
        if exp == 0 {
            return None;
        }
    }
    if chars.next().is_some() {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Converts a value to a type constraint, as Terraform does for variables (optional attributes
/// get their defaults first) and for `tolist`/`tomap`/… .
pub fn convert(v: &Val, c: &Con) -> Result<Val, String> {
    let mut out = convert_in(v, c)?;
    if out.at.is_none() {
        out.at = v.at;
    }
    Ok(out)
}

fn keep(v: &Val, nv: V, ty: Option<Ty>) -> Val {
    Val {
        v: nv,
        at: v.at,
        res: None,
        ty,
        within: None,
    }
}

fn convert_in(v: &Val, c: &Con) -> Result<Val, String> {
    match &v.v {
        V::Unknown(o) => {
            if matches!(c, Con::Any) {
                return Ok(v.clone());
            }
            let vt = v.ty();
            let mut special = true;
            let target = match (c, &vt) {
                (Con::List(e), Ty::List(x) | Ty::Set(x)) if matches!(**e, Con::Any) => {
                    Ty::List(x.clone())
                }
                (Con::Set(e), Ty::List(x) | Ty::Set(x)) if matches!(**e, Con::Any) => {
                    Ty::Set(x.clone())
                }
                (Con::Map(e), Ty::Map(x)) if matches!(**e, Con::Any) => Ty::Map(x.clone()),
                (Con::List(e) | Con::Set(e), Ty::Tuple(ts)) if matches!(**e, Con::Any) => {
                    let et = unify(ts).unwrap_or(Ty::Dynamic);
                    if matches!(c, Con::List(_)) {
                        Ty::List(Box::new(et))
                    } else {
                        Ty::Set(Box::new(et))
                    }
                }
                _ => {
                    special = false;
                    c.ty()
                }
            };
            if !special
                && vt != Ty::Dynamic
                && !conforms(&vt, &target)
                && unify(&[vt.clone(), target.clone()]).is_none()
            {
                return Err(format!("{} required", target.show()));
            }
            let t = if target.is_whole() || vt == Ty::Dynamic {
                target
            } else {
                vt
            };
            return Ok(keep(
                v,
                V::Unknown(o.clone()),
                Some(t).filter(|t| *t != Ty::Dynamic),
            ));
        }
        V::Null => {
            let t = c.ty();
            return Ok(keep(
                v,
                V::Null,
                Some(t).filter(|t| *t != Ty::Dynamic).or(v.ty.clone()),
            ));
        }
        _ => {}
    }
    match c {
        Con::Any => Ok(v.clone()),
        Con::Str => match &v.v {
            V::Str(_) | V::Template(_) => Ok(keep(v, v.v.clone(), None)),
            V::Num(n) => Ok(keep(v, V::Str(fmt_num(*n)), None)),
            V::Bool(b) => Ok(keep(v, V::Str(b.to_string()), None)),
            _ => Err(format!("string required, but have {}", kind_name(v))),
        },
        Con::Num => match &v.v {
            V::Num(_) => Ok(keep(v, v.v.clone(), None)),
            V::Str(s) => match parse_number(s) {
                Some(n) => Ok(keep(v, V::Num(n), None)),
                None => Err(format!("a number is required, but have the string \"{s}\"")),
            },
            V::Template(p) => Ok(keep(v, V::Unknown(parts_origins(p)), Some(Ty::Num))),
            _ => Err(format!("number required, but have {}", kind_name(v))),
        },
        Con::Bool => match &v.v {
            V::Bool(_) => Ok(keep(v, v.v.clone(), None)),
            V::Str(s) => match s.as_str() {
                "true" | "1" => Ok(keep(v, V::Bool(true), None)),
                "false" | "0" => Ok(keep(v, V::Bool(false), None)),
                _ => Err(format!("a bool is required, but have the string \"{s}\"")),
            },
            V::Template(p) => Ok(keep(v, V::Unknown(parts_origins(p)), Some(Ty::Bool))),
            _ => Err(format!("bool required, but have {}", kind_name(v))),
        },
        Con::List(e) | Con::Set(e) => {
            let is_set = matches!(c, Con::Set(_));
            let V::List(items) = &v.v else {
                return Err(format!(
                    "{} required, but have {}",
                    if is_set { "set" } else { "list" },
                    kind_name(v)
                ));
            };
            let mut out = Vec::with_capacity(items.len());
            for (i, x) in items.iter().enumerate() {
                out.push(convert_in(x, e).map_err(|m| format!("element {i}: {m}"))?);
            }
            let ety = elem_type(&mut out, e)?;
            if is_set {
                Ok(make_set(out, ety, v.at))
            } else {
                Ok(keep(v, V::List(out), Some(Ty::List(Box::new(ety)))))
            }
        }
        Con::Map(e) => {
            let V::Obj(m) = &v.v else {
                return Err(format!("map required, but have {}", kind_name(v)));
            };
            let mut keys = Vec::with_capacity(m.len());
            let mut vals = Vec::with_capacity(m.len());
            for (k, x) in m {
                keys.push(k.clone());
                vals.push(convert_in(x, e).map_err(|msg| format!("element \"{k}\": {msg}"))?);
            }
            let ety = elem_type(&mut vals, e)?;
            Ok(keep(
                v,
                V::Obj(keys.into_iter().zip(vals).collect()),
                Some(Ty::Map(Box::new(ety))),
            ))
        }
        Con::Tuple(ts) => {
            let V::List(items) = &v.v else {
                return Err(format!("tuple required, but have {}", kind_name(v)));
            };
            if v.is_set() {
                return Err("tuple required, but have set".into());
            }
            if items.len() != ts.len() {
                return Err(format!(
                    "tuple required with {} elements, but have {}",
                    ts.len(),
                    items.len()
                ));
            }
            let out = items
                .iter()
                .zip(ts)
                .enumerate()
                .map(|(i, (x, t))| convert_in(x, t).map_err(|m| format!("element {i}: {m}")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(keep(v, V::List(out), None))
        }
        Con::Obj(attrs) => {
            let V::Obj(m) = &v.v else {
                return Err(format!("object required, but have {}", kind_name(v)));
            };
            let mut out = BTreeMap::new();
            for a in attrs {
                let given = m.get(&a.name).filter(|x| !x.is_null());
                let x = match (given, &a.default, a.optional) {
                    (Some(x), _, _) => convert_in(x, &a.con)
                        .map_err(|msg| format!("attribute \"{}\": {msg}", a.name))?,
                    (None, Some(d), _) => convert_in(d, &a.con)?,
                    (None, None, true) => {
                        keep(v, V::Null, Some(a.con.ty()).filter(|t| *t != Ty::Dynamic))
                    }
                    (None, None, false) => {
                        match (m.get(&a.name), crate::value::provider_attr(v, &a.name)) {
                            (Some(null), _) => convert_in(null, &a.con)?,
                            // a resource object (or an object nested in one) has every attribute of
                            // its schema: computed ones are known after apply
                            (None, Some(origin)) => convert_in(&Val::unknown(origin), &a.con)?,
                            (None, None) => {
                                return Err(format!("attribute \"{}\" is required", a.name));
                            }
                        }
                    }
                };
                out.insert(a.name.clone(), x);
            }
            Ok(keep(v, V::Obj(out), None))
        }
    }
}

fn parts_origins(p: &[crate::value::Part]) -> Vec<Origin> {
    let mut o = Vec::new();
    for x in p {
        if let crate::value::Part::Unknown(u) = x {
            merge_origins(&mut o, u);
        }
    }
    o
}

/// The element type of a converted collection; where the constraint has `any`, the elements are
/// unified to one type (Terraform: "all elements must have the same type").
fn elem_type(items: &mut [Val], e: &Con) -> Result<Ty, String> {
    if !e.has_any() {
        return Ok(e.ty());
    }
    let tys: Vec<Ty> = items.iter().map(Val::ty).collect();
    if tys.is_empty() {
        return Ok(e.ty());
    }
    let Some(t) = unify(&tys) else {
        return Err("all elements must have the same type".into());
    };
    if t != Ty::Dynamic {
        let c = Con::from_ty(&t);
        for x in items.iter_mut() {
            *x = convert_in(x, &c)?;
        }
    }
    Ok(t)
}

/// A set: duplicates removed, elements in cty's order (strings lexically, numbers numerically).
pub fn make_set(items: Vec<Val>, ety: Ty, at: Option<crate::source::Span>) -> Val {
    let mut out: Vec<Val> = Vec::with_capacity(items.len());
    for x in items {
        if x.has_unknown() || !out.iter().any(|o| o == &x) {
            out.push(x);
        }
    }
    if !out.iter().any(Val::has_unknown) {
        out.sort_by(set_order);
    }
    Val {
        v: V::List(out),
        at,
        res: None,
        ty: Some(Ty::Set(Box::new(ety))),
        within: None,
    }
}

fn set_order(a: &Val, b: &Val) -> std::cmp::Ordering {
    match (&a.v, &b.v) {
        (V::Num(x), V::Num(y)) => x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal),
        (V::Str(x), V::Str(y)) => x.cmp(y),
        (V::Bool(x), V::Bool(y)) => x.cmp(y),
        _ => crate::value::show_json(a).cmp(&crate::value::show_json(b)),
    }
}

/// True when a value of type `have` can be used where `want` is expected without conversion
/// (`Dynamic` matches anything).
pub fn conforms(have: &Ty, want: &Ty) -> bool {
    match (have, want) {
        (Ty::Dynamic, _) | (_, Ty::Dynamic) => true,
        (Ty::List(a), Ty::List(b)) | (Ty::Set(a), Ty::Set(b)) | (Ty::Map(a), Ty::Map(b)) => {
            conforms(a, b)
        }
        (Ty::Tuple(a), Ty::Tuple(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| conforms(x, y))
        }
        (Ty::Obj(a), Ty::Obj(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, x)| b.get(k).is_some_and(|y| conforms(x, y)))
        }
        (a, b) => a == b,
    }
}

/// cty's type unification: the one type every given type converts to, if any.
pub fn unify(tys: &[Ty]) -> Option<Ty> {
    let known: Vec<Ty> = tys.iter().filter(|t| **t != Ty::Dynamic).cloned().collect();
    match unify_structural(tys) {
        Structural::Done(t) => t,
        // cty's general path: the most general of the given types (in its preference order) to
        // which every other one converts
        Structural::Fallback => unify_by_preference(&known),
    }
}

enum Structural {
    /// The structural rules decided (a type, or no unification at all).
    Done(Option<Ty>),
    /// cty falls through to its preference-order search (maps with objects, lists with
    /// tuples that did not unify as collections, mixed kinds, primitives).
    Fallback,
}

/// cty's `sortTypes` followed by the search `unify` ends with: the first type in preference order
/// that every other given type converts to (unsafe conversions, as `UnifyUnsafe`).
fn unify_by_preference(tys: &[Ty]) -> Option<Ty> {
    let n = tys.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in i + 1..n {
            match compare_types(&tys[i], &tys[j]) {
                c if c < 0 => edges[i].push(j),
                c if c > 0 => edges[j].push(i),
                _ => {}
            }
        }
    }
    let mut in_degree = vec![0usize; n];
    for outs in &edges {
        for &j in outs {
            in_degree[j] += 1;
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| in_degree[i] == 0).collect();
    let mut next = 0;
    while next < order.len() {
        let i = order[next];
        next += 1;
        for &j in &edges[i] {
            in_degree[j] -= 1;
            if in_degree[j] == 0 {
                order.push(j);
            }
        }
    }
    order
        .into_iter()
        .map(|w| &tys[w])
        .find(|want| tys.iter().all(|t| t == *want || convertible(t, want)))
        .cloned()
}

/// cty's `compareTypes`: negative when `a` is more general than `b`, positive when `b` is.
fn compare_types(a: &Ty, b: &Ty) -> i32 {
    let prim = |t: &Ty| matches!(t, Ty::Bool | Ty::Num | Ty::Str);
    match (a, b) {
        (Ty::Dynamic, Ty::Dynamic) => return 0,
        (Ty::Dynamic, _) => return 1,
        (_, Ty::Dynamic) => return -1,
        _ if prim(a) && prim(b) => {
            return match (a == &Ty::Str, b == &Ty::Str) {
                (true, false) => -1,
                (false, true) => 1,
                _ => 0,
            };
        }
        (Ty::List(x), Ty::List(y)) | (Ty::Set(x), Ty::Set(y)) | (Ty::Map(x), Ty::Map(y)) => {
            return compare_types(x, y);
        }
        _ => {}
    }
    let (a, b, swap) = match (a, b) {
        (Ty::Tuple(_), Ty::List(_))
        | (Ty::Obj(_), Ty::Map(_))
        | (Ty::Set(_), Ty::Tuple(_))
        | (Ty::Set(_), Ty::List(_)) => (b, a, -1),
        _ => (a, b, 1),
    };
    match (a, b) {
        (Ty::Tuple(_) | Ty::List(_), Ty::Set(_))
        | (Ty::List(_), Ty::Tuple(_))
        | (Ty::Map(_), Ty::Obj(_)) => -swap,
        (Ty::Obj(x), Ty::Obj(y)) => {
            if x.len() != y.len() || x.keys().any(|k| !y.contains_key(k)) {
                return 0;
            }
            supers(x.keys().map(|k| compare_types(&x[k], &y[k])), swap)
        }
        (Ty::Tuple(x), Ty::Tuple(y)) => {
            if x.len() != y.len() {
                return 0;
            }
            supers(x.iter().zip(y).map(|(p, q)| compare_types(p, q)), swap)
        }
        _ => 0,
    }
}

fn supers(cmps: impl Iterator<Item = i32>, swap: i32) -> i32 {
    let (mut a_super, mut b_super) = (false, false);
    for c in cmps {
        a_super |= c < 0;
        b_super |= c > 0;
    }
    match (a_super, b_super) {
        (true, false) => -swap,
        (false, true) => swap,
        _ => 0,
    }
}

/// Whether cty has an (unsafe) conversion from `from` to `to` (`GetConversionUnsafe` is not nil).
pub fn convertible(from: &Ty, to: &Ty) -> bool {
    let elem = |x: &Ty, y: &Ty| x == y || convertible(x, y);
    match (from, to) {
        (_, Ty::Dynamic) | (Ty::Dynamic, _) => true,
        (Ty::Bool, Ty::Num) | (Ty::Num, Ty::Bool) => false,
        (Ty::Bool | Ty::Num | Ty::Str, Ty::Bool | Ty::Num | Ty::Str) => true,
        (Ty::Obj(x), Ty::Obj(y)) => y.iter().all(|(k, t)| x.get(k).is_some_and(|s| elem(s, t))),
        (Ty::Tuple(x), Ty::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(s, t)| elem(s, t))
        }
        (Ty::List(x) | Ty::Set(x), Ty::List(y) | Ty::Set(y)) | (Ty::Map(x), Ty::Map(y)) => {
            elem(x, y)
        }
        (Ty::Tuple(xs), Ty::List(y) | Ty::Set(y)) => collect_to(xs.iter().collect(), y),
        (Ty::Obj(xs), Ty::Map(y)) => collect_to(xs.values().collect(), y),
        (Ty::Map(x), Ty::Obj(ys)) => ys.values().all(|t| elem(x, t)),
        _ => false,
    }
}

/// Tuple elements or object attributes into one collection element type (`Dynamic`: the one
/// type they unify to).
fn collect_to(items: Vec<&Ty>, ety: &Ty) -> bool {
    if items.is_empty() {
        return true;
    }
    let ety = if *ety == Ty::Dynamic {
        let tys: Vec<Ty> = items.iter().map(|t| (*t).clone()).collect();
        match unify(&tys) {
            None => return false,
            Some(Ty::Dynamic) if tys.iter().any(|t| *t != Ty::Dynamic) => return false,
            Some(t) => t,
        }
    } else {
        ety.clone()
    };
    items.iter().all(|t| **t == ety || convertible(t, &ety))
}

fn unify_structural(tys: &[Ty]) -> Structural {
    use Structural::*;
    // a null or unknown of no known type converts to whatever the others unify to
    let known: Vec<Ty> = tys.iter().filter(|t| **t != Ty::Dynamic).cloned().collect();
    if known.is_empty() {
        return Done(if tys.is_empty() {
            None
        } else {
            Some(Ty::Dynamic)
        });
    }
    let tys = &known[..];
    let first = &tys[0];
    if tys.iter().all(|t| t == first) {
        return Done(Some(first.clone()));
    }
    let all = |f: fn(&Ty) -> bool| tys.iter().all(f);
    if all(|t| matches!(t, Ty::Bool | Ty::Num | Ty::Str)) {
        // mixed primitives unify to string
        return Done(tys.contains(&Ty::Str).then_some(Ty::Str));
    }
    // all tuples: one tuple type element by element, else a list
    if all(|t| matches!(t, Ty::Tuple(_))) {
        let lens: Vec<usize> = tys
            .iter()
            .map(|t| match t {
                Ty::Tuple(v) => v.len(),
                _ => 0,
            })
            .collect();
        if lens.iter().all(|l| *l == lens[0]) {
            let mut out = Vec::new();
            for i in 0..lens[0] {
                let col: Vec<Ty> = tys
                    .iter()
                    .map(|t| match t {
                        Ty::Tuple(v) => v[i].clone(),
                        _ => Ty::Dynamic,
                    })
                    .collect();
                match unify(&col) {
                    Some(t) => out.push(t),
                    None => return Done(None),
                }
            }
            return Done(Some(Ty::Tuple(out)));
        }
        return Done(unify_elements(tys).map(|e| Ty::List(Box::new(e))));
    }
    // lists (and tuples, which convert to lists); when the elements do not unify, cty tries
    // its general search
    if all(|t| matches!(t, Ty::List(_) | Ty::Tuple(_))) {
        return match unify_elements(tys) {
            Some(e) => Done(Some(Ty::List(Box::new(e)))),
            None if all(|t| matches!(t, Ty::List(_))) => Done(None),
            None => Fallback,
        };
    }
    if all(|t| matches!(t, Ty::Set(_) | Ty::Tuple(_))) {
        return Done(unify_elements(tys).map(|e| Ty::Set(Box::new(e))));
    }
    if all(|t| matches!(t, Ty::Map(_) | Ty::Obj(_))) {
        if all(|t| matches!(t, Ty::Obj(_))) {
            let names: Vec<Vec<&String>> = tys
                .iter()
                .map(|t| match t {
                    Ty::Obj(m) => m.keys().collect(),
                    _ => vec![],
                })
                .collect();
            if names.iter().all(|n| *n == names[0]) {
                let mut out = BTreeMap::new();
                for k in names[0].iter() {
                    let col: Vec<Ty> = tys
                        .iter()
                        .map(|t| match t {
                            Ty::Obj(m) => m[*k].clone(),
                            _ => Ty::Dynamic,
                        })
                        .collect();
                    match unify(&col) {
                        Some(t) => out.insert((*k).clone(), t),
                        None => return Done(None),
                    };
                }
                return Done(Some(Ty::Obj(out)));
            }
            return Done(unify_elements(tys).map(|e| Ty::Map(Box::new(e))));
        }
        // maps with objects: as one map type if the objects' attributes unify with the maps'
        // elements, else cty's general search (a `map(any)` null converts to the object type)
        return match unify_elements(tys) {
            Some(e) => Done(Some(Ty::Map(Box::new(e)))),
            None if all(|t| matches!(t, Ty::Map(_))) => Done(None),
            None => Fallback,
        };
    }
    Fallback
}

/// The one type the elements of several collection types unify to (`Dynamic` when they have
/// none): list/set/map element types, tuple element types, object attribute types.
fn unify_elements(tys: &[Ty]) -> Option<Ty> {
    let elems: Vec<Ty> = tys
        .iter()
        .flat_map(|t| match t {
            Ty::List(e) | Ty::Set(e) | Ty::Map(e) => vec![(**e).clone()],
            Ty::Tuple(v) => v.clone(),
            Ty::Obj(m) => m.values().cloned().collect(),
            _ => vec![],
        })
        .collect();
    if elems.is_empty() {
        Some(Ty::Dynamic)
    } else {
        unify(&elems)
    }
}

/// True when some unknown inside has no known type (cty: the value's type is not wholly known).
fn has_dynamic_unknown(v: &Val) -> bool {
    match &v.v {
        V::Unknown(_) => v.ty.as_ref().is_none_or(|t| !t.is_whole()),
        V::List(l) => l.iter().any(has_dynamic_unknown),
        V::Obj(m) => m.values().any(has_dynamic_unknown),
        _ => false,
    }
}

/// `a == b` as Terraform (cty's `Equals`) decides it: `Some(answer)`, or `None` while unknown
/// values could still change it.
pub fn equals(a: &Val, b: &Val) -> Option<bool> {
    let (ua, ub) = (a.is_unknown(), b.is_unknown());
    match (ua, ub) {
        (true, true) => return None,
        (false, true) | (true, false) => {
            let (known, unknown) = if ua { (b, a) } else { (a, b) };
            let ut = unknown.ty();
            if known.is_null() || !ut.is_whole() {
                return None;
            }
            return if known.ty() != ut { Some(false) } else { None };
        }
        _ => {}
    }
    match (a.is_null(), b.is_null()) {
        (true, true) => return Some(true),
        (true, false) | (false, true) => return Some(false),
        _ => {}
    }
    let (ta, tb) = (a.ty(), b.ty());
    if has_dynamic_unknown(a) || has_dynamic_unknown(b) {
        if !conforms(&ta, &tb) && !conforms(&tb, &ta) {
            return Some(false);
        }
        return None;
    }
    if ta != tb {
        return Some(false);
    }
    match (&a.v, &b.v) {
        (V::Bool(x), V::Bool(y)) => Some(x == y),
        (V::Num(x), V::Num(y)) => Some(x == y),
        (V::Str(x), V::Str(y)) => Some(x == y),
        (V::List(x), V::List(y)) => {
            if a.is_set() {
                if a.has_unknown() || b.has_unknown() {
                    return None;
                }
                return Some(
                    x.len() == y.len()
                        && x.iter()
                            .all(|e| y.iter().any(|f| equals(e, f) == Some(true))),
                );
            }
            if x.len() != y.len() {
                return Some(false);
            }
            all_equal(x.iter().zip(y))
        }
        (V::Obj(x), V::Obj(y)) => {
            if x.len() != y.len() || x.keys().zip(y.keys()).any(|(k, l)| k != l) {
                return Some(false);
            }
            all_equal(x.values().zip(y.values()))
        }
        _ => None,
    }
}

/// Element-wise equality in order; the first undecided element makes the answer unknown (cty).
fn all_equal<'a>(pairs: impl Iterator<Item = (&'a Val, &'a Val)>) -> Option<bool> {
    for (e, f) in pairs {
        match equals(e, f) {
            None => return None,
            Some(false) => return Some(false),
            Some(true) => {}
        }
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Val {
        Val::str(x)
    }

    #[test]
    fn equality_is_by_type_and_value() {
        assert_eq!(equals(&Val::tuple(vec![]), &Val::tuple(vec![])), Some(true));
        assert_eq!(
            equals(&Val::tuple(vec![s("a")]), &Val::tuple(vec![s("a")])),
            Some(true)
        );
        assert_eq!(equals(&s("1"), &Val::num(1.0)), Some(false));
        assert_eq!(
            equals(&Val::list(vec![], Ty::Str), &Val::tuple(vec![])),
            Some(false)
        );
        let u = Val::unknown(Origin::computed("aws_x.y", "id"));
        assert_eq!(
            equals(&Val::list(vec![u.clone()], Ty::Str), &Val::tuple(vec![])),
            Some(false)
        );
        let mut m = BTreeMap::new();
        m.insert("issuer".to_string(), u.clone());
        assert_eq!(equals(&Val::object(m), &Val::null()), Some(false));
        assert_eq!(equals(&u, &Val::null()), None);
    }

    #[test]
    fn unify_follows_cty() {
        assert_eq!(unify(&[Ty::Str, Ty::Num]), Some(Ty::Str));
        assert_eq!(unify(&[Ty::Bool, Ty::Num]), None);
        assert_eq!(
            unify(&[Ty::Tuple(vec![]), Ty::Tuple(vec![Ty::Str])]),
            Some(Ty::List(Box::new(Ty::Str)))
        );
        // a map(any) with an object whose attributes do not unify: the object (cty's search)
        let obj = Ty::Obj(BTreeMap::from([
            ("a".to_string(), Ty::Str),
            ("b".to_string(), Ty::Obj(BTreeMap::new())),
        ]));
        let any_map = Ty::Map(Box::new(Ty::Dynamic));
        assert_eq!(unify(&[obj.clone(), any_map.clone()]), Some(obj.clone()));
        assert_eq!(unify(&[any_map, obj.clone()]), Some(obj.clone()));
        assert_eq!(unify(&[obj, Ty::Map(Box::new(Ty::Str))]), None);
    }
}
