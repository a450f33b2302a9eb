//! Terraform's built-in functions, with Terraform's semantics and error cases. Arguments arrive
//! evaluated and free of errors; `try`, `can`, `templatefile` and `templatestring` are handled by
//! the evaluator (they need expressions or scopes). A function whose result changes on every
//! apply (`timestamp`, `uuid`, `bcrypt`) gives an unknown whose origin says so.

use super::types::{self, Con, make_set, unify};
use crate::value::{Origin, OriginKind, Part, Ty, V, Val, fmt_num, merge_origins};
use std::collections::BTreeMap;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// What file functions need: the root module directory (Terraform's working directory, which
/// relative paths are resolved against) and the calling module's `path.module`.
pub struct Ctx<'a> {
    pub root: &'a Path,
    pub rel_dir: &'a str,
    /// Where files may be read (`Loaded::read_scope`).
    pub scope: &'a [std::path::PathBuf],
    /// What file() and filebase64() returned, so that reports show the call instead
    /// (`lint::redact_file_contents`).
    pub reads: &'a std::cell::RefCell<Vec<(String, String)>>,
}

/// Every function name Terraform knows (a name outside this list is an error, as in Terraform).
pub const KNOWN: &[&str] = &[
    "abs",
    "abspath",
    "alltrue",
    "anytrue",
    "basename",
    "base64decode",
    "base64encode",
    "base64gzip",
    "base64sha256",
    "base64sha512",
    "bcrypt",
    "can",
    "ceil",
    "chomp",
    "cidrhost",
    "cidrnetmask",
    "cidrsubnet",
    "cidrsubnets",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "convert",
    "csvdecode",
    "dirname",
    "distinct",
    "element",
    "endswith",
    "ephemeralasnull",
    "chunklist",
    "file",
    "fileexists",
    "fileset",
    "filebase64",
    "filebase64sha256",
    "filebase64sha512",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "flatten",
    "floor",
    "format",
    "formatdate",
    "formatlist",
    "indent",
    "index",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "list",
    "log",
    "lookup",
    "lower",
    "map",
    "matchkeys",
    "max",
    "md5",
    "merge",
    "min",
    "one",
    "parseint",
    "pathexpand",
    "plantimestamp",
    "pow",
    "range",
    "regex",
    "regexall",
    "replace",
    "reverse",
    "rsadecrypt",
    "sensitive",
    "nonsensitive",
    "issensitive",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "sha1",
    "sha256",
    "sha512",
    "signum",
    "slice",
    "sort",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "sum",
    "templatefile",
    "templatestring",
    "textdecodebase64",
    "textencodebase64",
    "timestamp",
    "timeadd",
    "timecmp",
    "title",
    "tostring",
    "tonumber",
    "tobool",
    "toset",
    "tolist",
    "tomap",
    "transpose",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "try",
    "type",
    "upper",
    "urlencode",
    "uuid",
    "uuidv5",
    "values",
    "yamldecode",
    "yamlencode",
    "zipmap",
    // OpenTofu's additions (a .tofu configuration may use them)
    "base64gunzip",
    "cidrcontains",
    "urldecode",
];

type R = Result<Val, String>;

fn unknown(args: &[Val], ty: Ty) -> Val {
    let mut o = Vec::new();
    for a in args {
        merge_origins(&mut o, &a.origins());
    }
    if o.is_empty() {
        o.push(Origin::other(OriginKind::Function, "value not known"));
    }
    Val::unknown_typed(o, ty)
}

/// String form of a primitive for templates and string functions.
pub fn to_parts(v: &Val) -> Result<Vec<Part>, String> {
    Ok(match &v.v {
        V::Str(s) => vec![Part::Lit(s.clone())],
        V::Num(n) => vec![Part::Lit(fmt_num(*n))],
        V::Bool(b) => vec![Part::Lit(b.to_string())],
        V::Unknown(o) => vec![Part::Unknown(o.clone())],
        V::Template(p) => p.clone(),
        V::Null => return Err("a null value cannot be used in a string".into()),
        V::List(_) | V::Obj(_) => {
            return Err(format!(
                "a string is required, but the value is a {}",
                v.ty().show()
            ));
        }
    })
}

/// Joins parts into a Str (all literal) or a Template.
pub fn from_parts(parts: Vec<Part>) -> V {
    let mut out: Vec<Part> = Vec::new();
    for p in parts {
        match (out.last_mut(), p) {
            (Some(Part::Lit(a)), Part::Lit(b)) => a.push_str(&b),
            (_, p) => out.push(p),
        }
    }
    match out.as_slice() {
        [] => V::Str(String::new()),
        [Part::Lit(s)] => V::Str(nfc(s.clone())),
        _ => V::Template(out),
    }
}

/// cty normalizes every string to Unicode NFC as it becomes a value (`cty.StringVal`), so
/// literals, template results and function results all compare and count as NFC text.
pub fn nfc(s: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        s
    } else {
        s.nfc().collect()
    }
}

fn string(x: impl Into<String>) -> Val {
    Val::str(nfc(x.into()))
}

fn arity(name: &str, args: &[Val], min: usize, max: usize) -> Result<(), String> {
    if args.len() < min || args.len() > max {
        let want = if min == max {
            format!("{min}")
        } else if max == usize::MAX {
            format!("at least {min}")
        } else {
            format!("{min} to {max}")
        };
        return Err(format!(
            "Invalid number of arguments: {name}() takes {want} argument{}, {} given",
            if want == "1" { "" } else { "s" },
            args.len()
        ));
    }
    Ok(())
}

fn not_null(name: &str, i: usize, v: &Val) -> Result<(), String> {
    if v.is_null() {
        return Err(format!(
            "Invalid function argument: argument {} of {name}() must not be null",
            i + 1
        ));
    }
    Ok(())
}

fn want_str(name: &str, i: usize, v: &Val) -> Result<String, String> {
    not_null(name, i, v)?;
    match types::convert(v, &Con::Str) {
        Ok(Val { v: V::Str(s), .. }) => Ok(s),
        _ => Err(format!(
            "Invalid function argument: argument {} of {name}() must be a string, not {}",
            i + 1,
            v.ty().show()
        )),
    }
}

fn want_num(name: &str, i: usize, v: &Val) -> Result<f64, String> {
    not_null(name, i, v)?;
    match types::convert(v, &Con::Num) {
        Ok(Val { v: V::Num(n), .. }) => Ok(n),
        _ => Err(format!(
            "Invalid function argument: argument {} of {name}() must be a number, not {}",
            i + 1,
            v.show()
        )),
    }
}

fn want_int(name: &str, i: usize, v: &Val) -> Result<i64, String> {
    let n = want_num(name, i, v)?;
    if n.fract() != 0.0 {
        return Err(format!(
            "Invalid function argument: argument {} of {name}() must be a whole number",
            i + 1
        ));
    }
    Ok(n as i64)
}

fn want_bool(name: &str, i: usize, v: &Val) -> Result<bool, String> {
    not_null(name, i, v)?;
    match types::convert(v, &Con::Bool) {
        Ok(Val { v: V::Bool(b), .. }) => Ok(b),
        _ => Err(format!(
            "Invalid function argument: argument {} of {name}() must be a bool",
            i + 1
        )),
    }
}

/// The elements of a list, tuple or set.
fn want_seq<'v>(name: &str, i: usize, v: &'v Val) -> Result<&'v Vec<Val>, String> {
    not_null(name, i, v)?;
    match &v.v {
        V::List(l) => Ok(l),
        _ => Err(format!(
            "Invalid function argument: argument {} of {name}() must be a list, set or tuple, not {}",
            i + 1,
            v.ty().show()
        )),
    }
}

fn want_map<'v>(name: &str, i: usize, v: &'v Val) -> Result<&'v BTreeMap<String, Val>, String> {
    not_null(name, i, v)?;
    match &v.v {
        V::Obj(m) => Ok(m),
        _ => Err(format!(
            "Invalid function argument: argument {} of {name}() must be a map or object, not {}",
            i + 1,
            v.ty().show()
        )),
    }
}

fn str_list(name: &str, i: usize, v: &Val) -> Result<Vec<String>, String> {
    want_seq(name, i, v)?
        .iter()
        .map(|x| want_str(name, i, x))
        .collect()
}

/// A list of `elem`, the element type unified from the items when not given.
fn list_of(items: Vec<Val>) -> Val {
    let tys: Vec<Ty> = items.iter().map(Val::ty).collect();
    let et = unify(&tys).unwrap_or(Ty::Dynamic);
    let items = if et != Ty::Dynamic && tys.iter().any(|t| *t != et) {
        let c = Con::from_ty(&et);
        items
            .into_iter()
            .map(|x| types::convert(&x, &c).unwrap_or(x))
            .collect()
    } else {
        items
    };
    Val::list(items, et)
}

fn str_list_val(items: Vec<String>) -> Val {
    Val::list(items.into_iter().map(string).collect(), Ty::Str)
}

fn elem_ty(v: &Val) -> Ty {
    match v.ty() {
        Ty::List(e) | Ty::Set(e) | Ty::Map(e) => *e,
        Ty::Tuple(t) => unify(&t).unwrap_or(Ty::Dynamic),
        Ty::Obj(m) => unify(&m.values().cloned().collect::<Vec<_>>()).unwrap_or(Ty::Dynamic),
        _ => Ty::Dynamic,
    }
}

pub fn read_file(cx: &Ctx, p: &str) -> Result<String, Val> {
    read_bytes(cx, p).and_then(|b| {
        String::from_utf8(b).map_err(|_| {
            Val::error(format!(
                "Invalid function argument: the file {p} is not valid UTF-8; use filebase64 for binary files"
            ))
        })
    })
}

fn resolve(cx: &Ctx, p: &str) -> std::path::PathBuf {
    let path = Path::new(p);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cx.root.join(path)
    }
}

/// `p` resolved, when it is inside the read scope (`what` names the function for the error).
fn scoped(cx: &Ctx, what: &str, p: &str) -> Result<std::path::PathBuf, Val> {
    let path = resolve(cx, p);
    if crate::load::in_read_scope(cx.scope, &path) {
        Ok(path)
    } else {
        Err(Val::error(crate::load::outside_read_scope(what, p)))
    }
}

fn read_bytes(cx: &Ctx, p: &str) -> Result<Vec<u8>, Val> {
    let path = scoped(cx, "file", p)?;
    let md = std::fs::metadata(&path).map_err(|e| {
        Val::error(format!(
            "Invalid function argument: no file exists at \"{p}\" ({e}); file() reads only files present before Terraform runs"
        ))
    })?;
    if let Some(kind) = crate::input::special_kind(&md.file_type()) {
        return Err(Val::error(format!(
            "Invalid function argument: \"{p}\" is {kind}, not a regular file; not read"
        )));
    }
    crate::input::read(&path).map_err(|e| Val::error(format!("cannot read \"{p}\": {e}")))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn b64(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn volatile(what: &str) -> Val {
    Val::unknown_typed(
        vec![Origin::other(OriginKind::Volatile, format!("{what}()"))],
        Ty::Str,
    )
}

/// Calls a function. Errors are error values (the evaluator locates them).
/// The longest string a value may hold (authwire's budget: a runaway input — a string doubled
/// forty times — is a located error within a second, never gigabytes).
pub const MAX_STRING_BYTES: usize = 16 * 1024 * 1024;

/// The text length of the known parts of a string's parts.
pub fn parts_len(parts: &[Part]) -> usize {
    parts
        .iter()
        .map(|p| match p {
            Part::Lit(s) => s.len(),
            Part::Unknown(_) => 0,
        })
        .sum()
}

/// The text length of a string value's known parts.
pub fn text_len(v: &Val) -> usize {
    match &v.v {
        V::Str(s) => s.len(),
        V::Template(parts) => parts_len(parts),
        _ => 0,
    }
}

pub fn call(name: &str, args: Vec<Val>, cx: &Ctx) -> Val {
    match call_inner(name, &args, cx) {
        Ok(v) if text_len(&v) > MAX_STRING_BYTES => Val::error(format!(
            "Error in function call: {name}(): the result is longer than authwire's limit of {} MiB",
            MAX_STRING_BYTES / (1024 * 1024)
        )),
        Ok(v) => v,
        Err(m) => {
            if m.starts_with("Invalid") || m.starts_with("Call to") || m.starts_with("cannot") {
                Val::error(m)
            } else {
                Val::error(format!("Error in function call: {name}(): {m}"))
            }
        }
    }
}

/// Functions that look at structure and accept unknown parts.
fn call_inner(name: &str, a: &[Val], cx: &Ctx) -> R {
    let any_unknown = a.iter().any(Val::has_unknown);
    match name {
        "keys" | "values" | "length"
            if a.first()
                .is_some_and(|x| x.res.is_some() && matches!(x.v, V::Obj(_))) =>
        {
            arity(name, a, 1, 1)?;
            let addr = a[0].res.clone().unwrap_or_default();
            return Ok(Val::unknown_typed(
                vec![Origin::computed(&addr, "")],
                if name == "length" {
                    Ty::Num
                } else {
                    Ty::Dynamic
                },
            ));
        }

        "sensitive" | "nonsensitive" | "ephemeralasnull" => {
            arity(name, a, 1, 1)?;
            return Ok(a[0].clone());
        }
        "issensitive" => {
            arity(name, a, 1, 1)?;
            return Ok(Val::bool(false));
        }
        "type" => {
            return Err(
                "Call to function \"type\" failed: type() is only available in terraform console"
                    .into(),
            );
        }
        "timestamp" | "uuid" | "bcrypt" | "plantimestamp" => return Ok(volatile(name)),
        "list" | "map" => {
            let (literal, what) = if name == "list" {
                ("[ ... ]", "list")
            } else {
                ("{ ... }", "map")
            };
            return Err(format!(
                "Call to function \"{name}\" failed: the \"{name}\" function was deprecated in Terraform v0.12 and removed in v0.15; use to{name}({literal}) syntax to write a literal {what}."
            ));
        }
        "rsadecrypt" => {
            arity(name, a, 2, 2)?;
            return Ok(unknown(a, Ty::Str));
        }
        "coalesce" => {
            arity(name, a, 1, usize::MAX)?;
            let tys: Vec<Ty> = a.iter().filter(|x| !x.is_null()).map(Val::ty).collect();
            let rt = unify(&tys).unwrap_or(Ty::Dynamic);
            if tys.len() > 1 && unify(&tys).is_none() {
                return Err("all arguments must have the same type".into());
            }
            for x in a {
                if x.is_unknown() {
                    return Ok(unknown(std::slice::from_ref(x), rt));
                }
                if x.is_null() || x.as_str() == Some("") {
                    continue;
                }
                return Ok(if rt == Ty::Dynamic {
                    x.clone()
                } else {
                    types::convert(x, &Con::from_ty(&rt))?
                });
            }
            return Err("no non-null, non-empty-string arguments".into());
        }
        "coalescelist" => {
            arity(name, a, 1, usize::MAX)?;
            for (i, x) in a.iter().enumerate() {
                if x.is_unknown() {
                    return Ok(unknown(std::slice::from_ref(x), Ty::Dynamic));
                }
                if x.is_null() {
                    continue;
                }
                if !want_seq(name, i, x)?.is_empty() {
                    return Ok(x.clone());
                }
            }
            return Ok(a.last().cloned().unwrap_or_else(|| Val::tuple(vec![])));
        }
        "concat" => {
            arity(name, a, 1, usize::MAX)?;
            let mut out = Vec::new();
            let mut all_lists = true;
            for (i, x) in a.iter().enumerate() {
                if x.is_unknown() {
                    return Ok(unknown(std::slice::from_ref(x), Ty::Dynamic));
                }
                if x.is_set() {
                    return Err(
                        "Invalid function argument: all arguments must be lists or tuples; got set"
                            .into(),
                    );
                }
                out.extend(want_seq(name, i, x)?.iter().cloned());
                all_lists &= matches!(x.ty, Some(Ty::List(_)) | Some(Ty::Set(_)));
            }
            return Ok(if all_lists {
                list_of(out)
            } else {
                Val::tuple(out)
            });
        }
        "length" => {
            arity(name, a, 1, 1)?;
            let x = &a[0];
            not_null(name, 0, x)?;
            return Ok(match &x.v {
                V::List(l) if x.is_set() && l.iter().any(Val::has_unknown) => unknown(a, Ty::Num),
                V::List(l) => Val::num(l.len() as f64),
                V::Obj(m) => Val::num(m.len() as f64),
                V::Str(s) => Val::num(s.graphemes(true).count() as f64),
                V::Unknown(_) => match &x.ty {
                    Some(Ty::Obj(m)) => Val::num(m.len() as f64),
                    Some(Ty::Tuple(t)) => Val::num(t.len() as f64),
                    _ => unknown(a, Ty::Num),
                },
                _ => {
                    return Err(
                        "argument must be a string, a collection type, or a structural type".into(),
                    );
                }
            });
        }
        "keys" => {
            arity(name, a, 1, 1)?;
            if let (V::Unknown(_), Some(Ty::Obj(m))) = (&a[0].v, &a[0].ty) {
                return Ok(Val::tuple(m.keys().map(string).collect()));
            }
            if a[0].is_unknown() {
                return Ok(unknown(a, Ty::Dynamic));
            }
            let m = want_map(name, 0, &a[0])?;
            let ks: Vec<Val> = m.keys().map(string).collect();
            return Ok(if a[0].is_map() {
                Val::list(ks, Ty::Str)
            } else {
                Val::tuple(ks)
            });
        }
        "values" => {
            arity(name, a, 1, 1)?;
            if a[0].is_unknown() {
                return Ok(unknown(a, Ty::Dynamic));
            }
            let m = want_map(name, 0, &a[0])?;
            let vs: Vec<Val> = m.values().cloned().collect();
            return Ok(if a[0].is_map() {
                Val::list(vs, elem_ty(&a[0]))
            } else {
                Val::tuple(vs)
            });
        }
        "lookup" => {
            // Terraform's LookupFunc: on a map the default must convert to the element type and
            // the result has that type; on an object the attribute is returned as it is, or the
            // default as it is when the attribute is absent
            arity(name, a, 2, 3)?;
            let bad = |p: &str, m: &str| {
                format!("Invalid function argument: Invalid value for \"{p}\" parameter: {m}.")
            };
            return match a[0].ty() {
                Ty::Map(elem) => {
                    let con = Con::from_ty(&elem);
                    let default = match a.get(2) {
                        Some(d) => Some(types::convert(d, &con).map_err(|_| {
                            bad(
                                "default",
                                "the default value must have the same type as the map elements",
                            )
                        })?),
                        None => None,
                    };
                    if a[0].is_null() {
                        return Err(bad("inputMap", "argument must not be null"));
                    }
                    if a[0].is_unknown() || a[1].is_unknown() {
                        return Ok(unknown(a, *elem));
                    }
                    let k = want_str(name, 1, &a[1])?;
                    match (want_map(name, 0, &a[0])?.get(&k), default) {
                        (Some(v), _) => Ok(v.clone()),
                        (None, Some(d)) => Ok(d),
                        (None, None) => Err(format!(
                            "Call to function \"lookup\" failed: lookup failed to find key \"{k}\"."
                        )),
                    }
                }
                Ty::Obj(attrs) => {
                    if a[0].is_null() {
                        return Err(bad("inputMap", "argument must not be null"));
                    }
                    if a[1].is_unknown() {
                        return Ok(unknown(a, Ty::Dynamic));
                    }
                    let k = want_str(name, 1, &a[1])?;
                    if let Some(t) = attrs.get(&k) {
                        if a[0].is_unknown() {
                            return Ok(unknown(a, t.clone()));
                        }
                        return Ok(want_map(name, 0, &a[0])?[&k].clone());
                    }
                    match a.get(2) {
                        Some(d) => Ok(d.clone()),
                        None => Err(bad(
                            "inputMap",
                            &format!("the given object has no attribute \"{k}\""),
                        )),
                    }
                }
                Ty::Dynamic if a[0].is_unknown() => Ok(unknown(a, Ty::Dynamic)),
                // a resource object: attributes not written in the configuration are computed
                Ty::Dynamic if a[0].res.is_some() && matches!(a[0].v, V::Obj(_)) => {
                    let k = want_str(name, 1, &a[1])?;
                    match want_map(name, 0, &a[0])?.get(&k) {
                        Some(v) => Ok(v.clone()),
                        None => Ok(Val::unknown(Origin::computed(
                            a[0].res.as_deref().unwrap_or_default(),
                            &k,
                        ))),
                    }
                }
                _ if a[0].is_null() => Err(bad("inputMap", "argument must not be null")),
                _ => Err(bad(
                    "inputMap",
                    "lookup() requires a map as the first argument",
                )),
            };
        }
        "merge" => {
            let mut out = BTreeMap::new();
            let mut all_maps = true;
            let res = a
                .iter()
                .find_map(|x| x.res.clone().filter(|_| matches!(x.v, V::Obj(_))));
            if let Some(addr) = res {
                for (i, x) in a.iter().enumerate() {
                    if x.is_unknown() {
                        return Ok(unknown(std::slice::from_ref(x), Ty::Dynamic));
                    }
                    if !x.is_null() {
                        out.extend(
                            want_map(name, i, x)?
                                .iter()
                                .map(|(k, v)| (k.clone(), v.clone())),
                        );
                    }
                }
                let mut v = Val::object(out);
                v.res = Some(addr);
                return Ok(v);
            }
            for (i, x) in a.iter().enumerate() {
                if x.is_null() {
                    continue;
                }
                if x.is_unknown() {
                    return Ok(unknown(std::slice::from_ref(x), Ty::Dynamic));
                }
                out.extend(
                    want_map(name, i, x)?
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
                all_maps &= x.is_map();
            }
            if all_maps && !a.is_empty() {
                let tys: Vec<Ty> = out.values().map(Val::ty).collect();
                if let Some(t) = unify(&tys) {
                    let c = Con::from_ty(&t);
                    let m = out
                        .into_iter()
                        .map(|(k, v)| {
                            let v2 = types::convert(&v, &c).unwrap_or(v);
                            (k, v2)
                        })
                        .collect();
                    return Ok(Val::map(m, t));
                }
            }
            return Ok(Val::object(out));
        }
        "element" => {
            arity(name, a, 2, 2)?;
            if a[0].is_unknown() || a[1].is_unknown() {
                return Ok(unknown(a, Ty::Dynamic));
            }
            if a[0].is_set() {
                return Err("cannot use element() on a set; convert it with tolist() first".into());
            }
            let l = want_seq(name, 0, &a[0])?;
            let i = want_int(name, 1, &a[1])?;
            if l.is_empty() {
                return Err("cannot use element function with an empty list".into());
            }
            return Ok(l[i.rem_euclid(l.len() as i64) as usize].clone());
        }
        "flatten" => {
            arity(name, a, 1, 1)?;
            fn flat(v: &Val, out: &mut Vec<Val>) -> Option<()> {
                match &v.v {
                    V::List(l) => {
                        for x in l {
                            match &x.v {
                                V::List(_) => flat(x, out)?,
                                V::Unknown(_)
                                    if x.ty().is_whole()
                                        && !matches!(
                                            x.ty(),
                                            Ty::List(_) | Ty::Set(_) | Ty::Tuple(_)
                                        ) =>
                                {
                                    out.push(x.clone())
                                }
                                V::Unknown(_) => return None,
                                _ => out.push(x.clone()),
                            }
                        }
                        Some(())
                    }
                    _ => None,
                }
            }
            if a[0].is_unknown() {
                return Ok(unknown(a, Ty::Dynamic));
            }
            want_seq(name, 0, &a[0])?;
            let mut out = Vec::new();
            return Ok(match flat(&a[0], &mut out) {
                Some(()) => Val::tuple(out),
                None => unknown(a, Ty::Dynamic),
            });
        }
        "one" => {
            arity(name, a, 1, 1)?;
            if a[0].is_unknown() {
                return Ok(unknown(a, Ty::Dynamic));
            }
            let l = want_seq(name, 0, &a[0])?;
            return match l.len() {
                0 => Ok(Val::null()),
                1 => Ok(l[0].clone()),
                _ => Err(
                    "must be a list, set, or tuple value with either zero or one elements".into(),
                ),
            };
        }
        "tolist" | "toset" | "tomap" | "tostring" | "tonumber" | "tobool" | "convert" => {
            let con = match name {
                "tolist" => Con::List(Box::new(Con::Any)),
                "toset" => Con::Set(Box::new(Con::Any)),
                "tomap" => Con::Map(Box::new(Con::Any)),
                "tostring" => Con::Str,
                "tonumber" => Con::Num,
                "tobool" => Con::Bool,
                _ => return Err("convert() takes a value and a type constraint".into()),
            };
            arity(name, a, 1, 1)?;
            if name == "tostring" && matches!(a[0].v, V::List(_) | V::Obj(_)) {
                return Err(format!(
                    "Invalid function argument: cannot convert {} to string",
                    a[0].ty().show()
                ));
            }
            return types::convert(&a[0], &con)
                .map_err(|m| format!("Invalid function argument: {m}"));
        }
        "jsonencode" => {
            arity(name, a, 1, 1)?;
            if any_unknown {
                // still not known, as in Terraform; but the text around the unknown values is
                // kept (an OpenAPI body built with jsonencode around a pool ARN stays readable)
                return Ok(match json_parts(&a[0]) {
                    Some(p) if p.iter().any(|x| matches!(x, Part::Lit(_))) => {
                        Val::typed(from_parts(p), Some(Ty::Str))
                    }
                    _ => unknown(a, Ty::Str),
                });
            }
            return json_text(&a[0]).map(string);
        }
        "yamlencode" => {
            arity(name, a, 1, 1)?;
            if any_unknown {
                return Ok(unknown(a, Ty::Str));
            }
            return yaml_text(&a[0]).map(string);
        }
        "contains" if any_unknown && !a[0].is_unknown() && !a[1].has_unknown() => {
            arity(name, a, 2, 2)?;
            let l = want_seq(name, 0, &a[0])?;
            if l.iter().any(|x| types::equals(x, &a[1]) == Some(true)) {
                return Ok(Val::bool(true));
            }
            return Ok(unknown(a, Ty::Bool));
        }
        "alltrue" | "anytrue" if any_unknown && !a[0].is_unknown() => {
            arity(name, a, 1, 1)?;
            let decisive = name == "anytrue";
            let l = want_seq(name, 0, &a[0])?;
            if l.iter().any(|x| matches!(x.v, V::Bool(b) if b == decisive)) {
                return Ok(Val::bool(decisive));
            }
            return Ok(unknown(a, Ty::Bool));
        }
        "slice" => {
            arity(name, a, 3, 3)?;
            if any_unknown {
                return Ok(unknown(a, Ty::Dynamic));
            }
            let l = want_seq(name, 0, &a[0])?;
            let (s, e) = (want_int(name, 1, &a[1])?, want_int(name, 2, &a[2])?);
            if s < 0 || e < 0 || s as usize > l.len() || e as usize > l.len() {
                return Err("the index is out of range for the given list".into());
            }
            if s > e {
                return Err("the start index must not be greater than the end index".into());
            }
            let part = l[s as usize..e as usize].to_vec();
            return Ok(match &a[0].ty {
                Some(Ty::List(t)) => Val::list(part, (**t).clone()),
                _ => Val::tuple(part),
            });
        }
        _ => {}
    }
    if !KNOWN.contains(&name) && !name.starts_with("provider::") {
        let hint = super::did_you_mean(name, KNOWN.iter().copied());
        return Err(format!(
            "Call to unknown function: there is no function named \"{name}\".{hint}"
        ));
    }
    if any_unknown {
        return Ok(unknown(a, result_type(name)));
    }
    pure(name, a, cx)
}

fn result_type(name: &str) -> Ty {
    match name {
        "abs" | "ceil" | "floor" | "log" | "max" | "min" | "parseint" | "pow" | "signum"
        | "sum" | "index" | "timecmp" => Ty::Num,
        "alltrue" | "anytrue" | "contains" | "startswith" | "endswith" | "strcontains"
        | "fileexists" => Ty::Bool,
        "regex" | "regexall" | "split" | "cidrsubnets" | "fileset" | "setproduct" | "setunion"
        | "setintersection" | "setsubtract" | "compact" | "distinct" | "sort" | "reverse"
        | "chunklist" | "matchkeys" | "range" | "formatlist" | "transpose" | "zipmap"
        | "csvdecode" | "jsondecode" | "yamldecode" => Ty::Dynamic,
        _ => Ty::Str,
    }
}

/// Functions on known arguments.
fn pure(name: &str, a: &[Val], cx: &Ctx) -> R {
    let s1 = |i: usize| want_str(name, i, &a[i]);
    match name {
        // ------------------------------------------------------------ strings
        "lower" | "upper" | "trimspace" | "chomp" | "title" | "strrev" => {
            arity(name, a, 1, 1)?;
            let x = s1(0)?;
            Ok(string(match name {
                "lower" => x
                    .chars()
                    .map(|c| c.to_lowercase().next().unwrap_or(c))
                    .collect(),
                "upper" => x
                    .chars()
                    .map(|c| {
                        let mut u = c.to_uppercase();
                        match (u.next(), u.next()) {
                            (Some(one), None) => one,
                            _ => c,
                        }
                    })
                    .collect(),
                "trimspace" => x.trim_matches(|c: char| c.is_whitespace()).to_string(),
                "chomp" => {
                    let mut t = x.as_str();
                    while let Some(r) = t
                        .strip_suffix("\r\n")
                        .or_else(|| t.strip_suffix('\n'))
                        .or_else(|| t.strip_suffix('\r'))
                    {
                        t = r;
                    }
                    t.to_string()
                }
                "strrev" => x.graphemes(true).rev().collect(),
                _ => title(&x),
            }))
        }
        "indent" => {
            arity(name, a, 2, 2)?;
            let n = want_int(name, 0, &a[0])?;
            let x = s1(1)?;
            if n < 0 {
                return Err("the number of spaces must not be negative".into());
            }
            let pad = " ".repeat(n as usize);
            let mut out = String::new();
            for (i, line) in x.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                out.push_str(line);
            }
            Ok(string(out))
        }
        "split" => {
            arity(name, a, 2, 2)?;
            let (sep, x) = (s1(0)?, s1(1)?);
            let parts: Vec<String> = if sep.is_empty() {
                x.chars().map(|c| c.to_string()).collect()
            } else {
                x.split(sep.as_str()).map(String::from).collect()
            };
            Ok(str_list_val(parts))
        }
        "join" => {
            arity(name, a, 2, usize::MAX)?;
            let sep = s1(0)?;
            let mut items = Vec::new();
            for (i, l) in a[1..].iter().enumerate() {
                items.extend(str_list(name, i + 1, l)?);
            }
            Ok(string(items.join(&sep)))
        }
        "replace" => {
            arity(name, a, 3, 3)?;
            let (x, from, to) = (s1(0)?, s1(1)?, s1(2)?);
            if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                let re = regex(&from[1..from.len() - 1])?;
                Ok(string(
                    re.replace_all(&x, go_replacement(&to).as_str())
                        .into_owned(),
                ))
            } else {
                Ok(string(x.replace(&from, &to)))
            }
        }
        "regex" | "regexall" => {
            arity(name, a, 2, 2)?;
            let (pat, x) = (s1(0)?, s1(1)?);
            let re = regex(&pat)?;
            let caps_val = |c: regex::Captures| -> Val {
                let named: Vec<Option<&str>> = re.capture_names().skip(1).collect();
                if named.iter().any(Option::is_some) {
                    if named.iter().any(Option::is_none) {
                        // mixed: Terraform rejects this pattern (handled below)
                    }
                    let mut m = BTreeMap::new();
                    for n in named.into_iter().flatten() {
                        m.insert(
                            n.to_string(),
                            c.name(n)
                                .map(|m| string(m.as_str()))
                                .unwrap_or_else(|| Val::typed(V::Null, Some(Ty::Str))),
                        );
                    }
                    Val::object(m)
                } else if re.captures_len() > 1 {
                    Val::tuple(
                        (1..re.captures_len())
                            .map(|i| {
                                c.get(i)
                                    .map(|m| string(m.as_str()))
                                    .unwrap_or_else(|| Val::typed(V::Null, Some(Ty::Str)))
                            })
                            .collect(),
                    )
                } else {
                    string(c.get(0).map(|m| m.as_str()).unwrap_or(""))
                }
            };
            let named = re.capture_names().skip(1).filter(Option::is_some).count();
            if named > 0 && named != re.captures_len() - 1 {
                return Err(
                    "invalid regular expression: cannot mix both named and unnamed capture groups"
                        .into(),
                );
            }
            if name == "regex" {
                match re.captures(&x) {
                    Some(c) => Ok(caps_val(c)),
                    None => Err("pattern did not match any part of the given string".into()),
                }
            } else {
                let all: Vec<Val> = re.captures_iter(&x).map(caps_val).collect();
                let ety = if named > 0 {
                    Ty::Obj(
                        re.capture_names()
                            .flatten()
                            .map(|n| (n.to_string(), Ty::Str))
                            .collect(),
                    )
                } else if re.captures_len() > 1 {
                    Ty::Tuple(vec![Ty::Str; re.captures_len() - 1])
                } else {
                    Ty::Str
                };
                Ok(Val::list(all, ety))
            }
        }
        "trim" => {
            arity(name, a, 2, 2)?;
            let (x, cs) = (s1(0)?, s1(1)?);
            Ok(string(x.trim_matches(|c| cs.contains(c))))
        }
        "trimprefix" => {
            arity(name, a, 2, 2)?;
            let (x, p) = (s1(0)?, s1(1)?);
            Ok(string(x.strip_prefix(p.as_str()).unwrap_or(&x)))
        }
        "trimsuffix" => {
            arity(name, a, 2, 2)?;
            let (x, p) = (s1(0)?, s1(1)?);
            Ok(string(x.strip_suffix(p.as_str()).unwrap_or(&x)))
        }
        "startswith" | "endswith" | "strcontains" => {
            arity(name, a, 2, 2)?;
            let (x, p) = (s1(0)?, s1(1)?);
            Ok(Val::bool(match name {
                "startswith" => x.starts_with(&p),
                "endswith" => x.ends_with(&p),
                _ => x.contains(&p),
            }))
        }
        "substr" => {
            arity(name, a, 3, 3)?;
            let x = s1(0)?;
            let off = want_int(name, 1, &a[1])?;
            let len = want_int(name, 2, &a[2])?;
            let g: Vec<&str> = x.graphemes(true).collect();
            let n = g.len() as i64;
            let start = if off < 0 { n + off } else { off };
            if start < 0 || start > n {
                if start > n && n >= 0 {
                    return Ok(string(""));
                }
                return Err("offset must be within the string".into());
            }
            let end = if len < 0 {
                n
            } else {
                (start.saturating_add(len)).min(n)
            };
            if len < -1 {
                return Err("length must be -1 or more".into());
            }
            Ok(string(g[start as usize..end.max(start) as usize].concat()))
        }
        "format" => {
            arity(name, a, 1, usize::MAX)?;
            format_str(&s1(0)?, &a[1..]).map(string)
        }
        "formatlist" => {
            arity(name, a, 1, usize::MAX)?;
            let f = s1(0)?;
            let mut n: Option<usize> = None;
            for x in &a[1..] {
                if let V::List(l) = &x.v {
                    match n {
                        Some(m) if m != l.len() => {
                            return Err("all list arguments must have the same length".into());
                        }
                        _ => n = Some(l.len()),
                    }
                }
            }
            let n = n.unwrap_or(1);
            let mut out = Vec::new();
            for i in 0..n {
                let row: Vec<Val> = a[1..]
                    .iter()
                    .map(|x| match &x.v {
                        V::List(l) => l[i].clone(),
                        _ => x.clone(),
                    })
                    .collect();
                out.push(string(format_str(&f, &row)?));
            }
            Ok(Val::list(out, Ty::Str))
        }
        "urldecode" => {
            arity(name, a, 1, 1)?;
            let x = s1(0)?;
            let b = x.as_bytes();
            let mut out = Vec::with_capacity(b.len());
            let mut i = 0;
            while i < b.len() {
                match b[i] {
                    b'+' => out.push(b' '),
                    b'%' => {
                        let hex = x
                            .get(i + 1..i + 3)
                            .and_then(|h| u8::from_str_radix(h, 16).ok())
                            .ok_or_else(|| format!("invalid URL escape at position {i}"))?;
                        out.push(hex);
                        i += 2;
                    }
                    c => out.push(c),
                }
                i += 1;
            }
            String::from_utf8(out)
                .map(string)
                .map_err(|_| "the decoded string is not valid UTF-8".into())
        }
        "cidrcontains" => {
            arity(name, a, 2, 2)?;
            let (ip, len, v6) = parse_cidr(&want_str(name, 0, &a[0])?)?;
            let total = if v6 { 128 } else { 32 };
            let other = want_str(name, 1, &a[1])?;
            let (oip, olen, ov6) = if other.contains('/') {
                parse_cidr(&other)?
            } else {
                parse_cidr(&format!(
                    "{other}/{}",
                    if other.contains(':') { 128 } else { 32 }
                ))?
            };
            if v6 != ov6 {
                return Err("the address families of the two arguments differ".into());
            }
            let mask = |l: u32| -> u128 {
                if l == 0 {
                    0
                } else {
                    (u128::MAX << (128 - l)) >> (128 - total)
                }
            };
            Ok(Val::bool(
                olen >= len && (oip & mask(len)) == (ip & mask(len)),
            ))
        }
        "base64gunzip" => {
            arity(name, a, 1, 1)?;
            Ok(Val::unknown_typed(
                vec![Origin::other(OriginKind::Function, "base64gunzip")],
                Ty::Str,
            ))
        }
        "urlencode" => {
            arity(name, a, 1, 1)?;
            let x = s1(0)?;
            let mut out = String::new();
            for b in x.bytes() {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    out.push(b as char);
                } else if b == b' ' {
                    out.push('+');
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            Ok(string(out))
        }
        "base64encode" => {
            arity(name, a, 1, 1)?;
            Ok(string(b64(s1(0)?.as_bytes())))
        }
        "base64decode" => {
            arity(name, a, 1, 1)?;
            use base64::Engine;
            let x = s1(0)?;
            let b = base64::engine::general_purpose::STANDARD
                .decode(x.as_bytes())
                .map_err(|_| "failed to decode base64 data".to_string())?;
            String::from_utf8(b)
                .map(string)
                .map_err(|_| "the result of decoding the provided string is not valid UTF-8".into())
        }
        "base64gzip" => {
            // Go's deflate output is not reproduced byte for byte: say so instead of guessing
            arity(name, a, 1, 1)?;
            Ok(Val::unknown_typed(
                vec![Origin::other(OriginKind::Function, "base64gzip")],
                Ty::Str,
            ))
        }
        "textencodebase64" => {
            arity(name, a, 2, 2)?;
            let (x, enc) = (s1(0)?, s1(1)?);
            let e = encoding_rs::Encoding::for_label(enc.as_bytes())
                .ok_or_else(|| format!("Invalid function argument: \"{enc}\" is not a supported IANA encoding name or alias"))?;
            let bytes: Vec<u8> = if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                let le = e == encoding_rs::UTF_16LE;
                x.encode_utf16()
                    .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                    .collect()
            } else {
                let (b, _, bad) = e.encode(&x);
                if bad {
                    return Err(format!(
                        "the given string contains characters that cannot be represented in {enc}"
                    ));
                }
                b.into_owned()
            };
            Ok(string(b64(&bytes)))
        }
        "textdecodebase64" => {
            arity(name, a, 2, 2)?;
            use base64::Engine;
            let (x, enc) = (s1(0)?, s1(1)?);
            let e = encoding_rs::Encoding::for_label(enc.as_bytes())
                .ok_or_else(|| format!("Invalid function argument: \"{enc}\" is not a supported IANA encoding name or alias"))?;
            let b = base64::engine::general_purpose::STANDARD
                .decode(x.as_bytes())
                .map_err(|_| "the given value has an invalid base64 encoding".to_string())?;
            let (s, _, bad) = e.decode(&b);
            if bad {
                return Err(format!("the given value is not valid {enc} text"));
            }
            Ok(string(s.into_owned()))
        }
        "md5" | "sha1" | "sha256" | "sha512" | "base64sha256" | "base64sha512" => {
            arity(name, a, 1, 1)?;
            Ok(string(hash(name, s1(0)?.as_bytes())))
        }
        "filemd5" | "filesha1" | "filesha256" | "filesha512" | "filebase64sha256"
        | "filebase64sha512" => {
            arity(name, a, 1, 1)?;
            let p = s1(0)?;
            scoped(cx, name, &p).map_err(err_text)?;
            // Terraform fails at plan time, but a build step may make the file before apply: a
            // pre-commit linter sees the hash as not known yet
            if std::fs::metadata(resolve(cx, &p))
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
            {
                return Ok(Val::unknown_typed(
                    vec![Origin::other(
                        OriginKind::Artifact,
                        format!("{name}(\"{p}\")"),
                    )],
                    Ty::Str,
                ));
            }
            let b = read_bytes(cx, &p).map_err(err_text)?;
            Ok(string(hash(name.trim_start_matches("file"), &b)))
        }
        "uuidv5" => {
            arity(name, a, 2, 2)?;
            let (ns, n) = (s1(0)?, s1(1)?);
            let space = match ns.as_str() {
                "dns" => uuid::Uuid::NAMESPACE_DNS,
                "url" => uuid::Uuid::NAMESPACE_URL,
                "oid" => uuid::Uuid::NAMESPACE_OID,
                "x500" => uuid::Uuid::NAMESPACE_X500,
                other => uuid::Uuid::parse_str(other)
                    .map_err(|_| format!("uuidv5() doesn't support namespace {other}"))?,
            };
            Ok(string(uuid::Uuid::new_v5(&space, n.as_bytes()).to_string()))
        }
        // ------------------------------------------------------------ files
        "file" => {
            arity(name, a, 1, 1)?;
            let p = s1(0)?;
            let text = read_file(cx, &p).map_err(err_text)?;
            cx.reads
                .borrow_mut()
                .push((format!("file(\"{p}\")"), text.clone()));
            Ok(string(text))
        }
        "filebase64" => {
            arity(name, a, 1, 1)?;
            let p = s1(0)?;
            let text = read_bytes(cx, &p).map(|b| b64(&b)).map_err(err_text)?;
            cx.reads
                .borrow_mut()
                .push((format!("filebase64(\"{p}\")"), text.clone()));
            Ok(string(text))
        }
        "fileexists" => {
            arity(name, a, 1, 1)?;
            let p = scoped(cx, name, &s1(0)?).map_err(err_text)?;
            match std::fs::metadata(&p) {
                Ok(m) if m.is_file() => Ok(Val::bool(true)),
                Ok(_) => Err(format!("{} is not a regular file", s1(0)?)),
                Err(_) => Ok(Val::bool(false)),
            }
        }
        "fileset" => {
            arity(name, a, 2, 2)?;
            let (dir, pat) = (s1(0)?, s1(1)?);
            fileset(cx, &dir, &pat)
        }
        "abspath" => {
            arity(name, a, 1, 1)?;
            // Go's filepath.Abs: joined with the working directory (the root) and cleaned
            let p = resolve(cx, &s1(0)?);
            Ok(string(go_clean(&p.to_string_lossy().replace('\\', "/"))))
        }
        "dirname" | "basename" => {
            arity(name, a, 1, 1)?;
            let p = s1(0)?;
            Ok(string(if name == "dirname" {
                go_dir(&p)
            } else {
                go_base(&p)
            }))
        }
        "pathexpand" => {
            arity(name, a, 1, 1)?;
            let p = s1(0)?;
            Ok(string(match p.strip_prefix('~') {
                Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                    let home = std::env::var("HOME").unwrap_or_default();
                    format!("{home}{rest}")
                }
                _ => p,
            }))
        }
        // ------------------------------------------------------------ numbers
        "abs" | "ceil" | "floor" | "signum" => {
            arity(name, a, 1, 1)?;
            let x = want_num(name, 0, &a[0])?;
            Ok(Val::num(match name {
                "abs" => x.abs(),
                "ceil" => x.ceil(),
                "floor" => x.floor(),
                _ => {
                    if x > 0.0 {
                        1.0
                    } else if x < 0.0 {
                        -1.0
                    } else {
                        0.0
                    }
                }
            }))
        }
        "log" => {
            arity(name, a, 2, 2)?;
            let (x, b) = (want_num(name, 0, &a[0])?, want_num(name, 1, &a[1])?);
            let r = x.ln() / b.ln();
            if !r.is_finite() {
                return Err(format!("log({x}, {b}) is not a finite number"));
            }
            Ok(Val::num(r))
        }
        "pow" => {
            arity(name, a, 2, 2)?;
            Ok(Val::num(
                want_num(name, 0, &a[0])?.powf(want_num(name, 1, &a[1])?),
            ))
        }
        "max" | "min" => {
            arity(name, a, 1, usize::MAX)?;
            let mut best = want_num(name, 0, &a[0])?;
            for (i, x) in a.iter().enumerate().skip(1) {
                let n = want_num(name, i, x)?;
                if (name == "max" && n > best) || (name == "min" && n < best) {
                    best = n;
                }
            }
            Ok(Val::num(best))
        }
        "sum" => {
            arity(name, a, 1, 1)?;
            let l = want_seq(name, 0, &a[0])?;
            if l.is_empty() {
                return Err("cannot sum an empty list".into());
            }
            let mut t = 0.0;
            for x in l {
                if x.is_null() {
                    return Err(
                        "argument must be list, set, or tuple of number values (null element)"
                            .into(),
                    );
                }
                t += want_num(name, 0, x)?;
            }
            Ok(Val::num(t))
        }
        "parseint" => {
            arity(name, a, 2, 2)?;
            let x = want_str(name, 0, &a[0])
                .map_err(|_| "first argument must be a string, not a number".to_string())?;
            let base = want_int(name, 1, &a[1])?;
            if !(2..=62).contains(&base) {
                return Err("base must be a whole number between 2 and 62 inclusive".into());
            }
            parse_int(&x, base as u32)
                .map(Val::num)
                .ok_or_else(|| format!("cannot parse \"{x}\" as a base {base} integer"))
        }
        "range" => {
            arity(name, a, 1, 3)?;
            let n: Vec<f64> = a
                .iter()
                .enumerate()
                .map(|(i, x)| want_num(name, i, x))
                .collect::<Result<_, _>>()?;
            let (start, end, step) = match n.as_slice() {
                [e] => (0.0, *e, if *e < 0.0 { -1.0 } else { 1.0 }),
                [s, e] => (*s, *e, if s <= e { 1.0 } else { -1.0 }),
                [s, e, st] => (*s, *e, *st),
                _ => unreachable!(),
            };
            if step == 0.0 {
                return Err("step must not be zero".into());
            }
            if (start < end && step < 0.0) || (start > end && step > 0.0) {
                return Err(format!(
                    "step must be {} when start is {} than end",
                    if step < 0.0 { "positive" } else { "negative" },
                    if start < end { "less" } else { "greater" }
                ));
            }
            let mut out = Vec::new();
            let mut x = start;
            while (step > 0.0 && x < end) || (step < 0.0 && x > end) {
                if out.len() >= 1024 {
                    return Err("more than 1024 values were generated; either decrease the difference between start and end or use a smaller step".into());
                }
                out.push(Val::num(x));
                x += step;
            }
            Ok(Val::list(out, Ty::Num))
        }
        // ------------------------------------------------------------ collections
        "alltrue" | "anytrue" => {
            arity(name, a, 1, 1)?;
            let l = want_seq(name, 0, &a[0])?;
            let mut r = name == "alltrue";
            for x in l {
                if x.is_null() {
                    if name == "alltrue" {
                        r = false;
                    }
                    continue;
                }
                let b = want_bool(name, 0, x)?;
                if name == "alltrue" {
                    r &= b;
                } else {
                    r |= b;
                }
            }
            Ok(Val::bool(r))
        }
        "contains" => {
            arity(name, a, 2, 2)?;
            let l = want_seq(name, 0, &a[0])?;
            for x in l {
                if types::equals(x, &a[1]) == Some(true) {
                    return Ok(Val::bool(true));
                }
            }
            Ok(Val::bool(false))
        }
        "index" => {
            arity(name, a, 2, 2)?;
            let l = want_seq(name, 0, &a[0])?;
            for (i, x) in l.iter().enumerate() {
                if types::equals(x, &a[1]) == Some(true) {
                    return Ok(Val::num(i as f64));
                }
            }
            Err("item not found".into())
        }
        "distinct" => {
            arity(name, a, 1, 1)?;
            let l = want_seq(name, 0, &a[0])?;
            let mut out: Vec<Val> = Vec::new();
            for x in l {
                if !out.iter().any(|o| types::equals(o, x) == Some(true)) {
                    out.push(x.clone());
                }
            }
            Ok(list_of(out))
        }
        "compact" => {
            arity(name, a, 1, 1)?;
            let l = want_seq(name, 0, &a[0])?;
            let mut out = Vec::new();
            for x in l {
                if x.is_null() {
                    continue;
                }
                let s = want_str(name, 0, x)?;
                if !s.is_empty() {
                    out.push(string(s));
                }
            }
            Ok(Val::list(out, Ty::Str))
        }
        "sort" => {
            arity(name, a, 1, 1)?;
            let mut l = str_list(name, 0, &a[0])?;
            l.sort();
            Ok(str_list_val(l))
        }
        "reverse" => {
            arity(name, a, 1, 1)?;
            let l = want_seq(name, 0, &a[0])?;
            let r: Vec<Val> = l.iter().rev().cloned().collect();
            Ok(match &a[0].ty {
                Some(Ty::List(t)) | Some(Ty::Set(t)) => Val::list(r, (**t).clone()),
                _ => Val::tuple(r),
            })
        }
        "chunklist" => {
            arity(name, a, 2, 2)?;
            let l = want_seq(name, 0, &a[0])?;
            let n = want_int(name, 1, &a[1])?;
            if n < 0 {
                return Err("the size argument must be positive".into());
            }
            let et = elem_ty(&a[0]);
            if n == 0 {
                return Ok(Val::list(
                    vec![Val::list(l.clone(), et.clone())],
                    Ty::List(Box::new(et)),
                ));
            }
            let chunks: Vec<Val> = l
                .chunks(n as usize)
                .map(|c| Val::list(c.to_vec(), et.clone()))
                .collect();
            Ok(Val::list(chunks, Ty::List(Box::new(et))))
        }
        "zipmap" => {
            arity(name, a, 2, 2)?;
            let k = str_list(name, 0, &a[0])?;
            let v = want_seq(name, 1, &a[1])?;
            if k.len() != v.len() {
                return Err(format!(
                    "number of keys ({}) does not match number of values ({})",
                    k.len(),
                    v.len()
                ));
            }
            let m: BTreeMap<String, Val> = k.into_iter().zip(v.iter().cloned()).collect();
            Ok(if matches!(a[1].ty, Some(Ty::List(_))) {
                Val::map(m, elem_ty(&a[1]))
            } else {
                Val::object(m)
            })
        }
        "matchkeys" => {
            arity(name, a, 3, 3)?;
            let vals = want_seq(name, 0, &a[0])?;
            let keys = want_seq(name, 1, &a[1])?;
            let search = want_seq(name, 2, &a[2])?;
            if vals.len() != keys.len() {
                return Err("length of keys and values should be equal".into());
            }
            let out: Vec<Val> = vals
                .iter()
                .zip(keys)
                .filter(|(_, k)| search.iter().any(|s| types::equals(k, s) == Some(true)))
                .map(|(v, _)| v.clone())
                .collect();
            Ok(Val::list(out, elem_ty(&a[0])))
        }
        "transpose" => {
            arity(name, a, 1, 1)?;
            let m = want_map(name, 0, &a[0])?;
            let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (k, l) in m {
                for v in str_list(name, 0, l)? {
                    out.entry(v).or_default().push(k.clone());
                }
            }
            Ok(Val::map(
                out.into_iter().map(|(k, v)| (k, str_list_val(v))).collect(),
                Ty::List(Box::new(Ty::Str)),
            ))
        }
        "setunion" | "setintersection" | "setsubtract" => {
            arity(
                name,
                a,
                if name == "setsubtract" { 2 } else { 1 },
                if name == "setsubtract" { 2 } else { usize::MAX },
            )?;
            let sets: Vec<Vec<Val>> = a
                .iter()
                .enumerate()
                .map(|(i, x)| want_seq(name, i, x).cloned())
                .collect::<Result<_, _>>()?;
            let has = |l: &[Val], x: &Val| l.iter().any(|y| types::equals(x, y) == Some(true));
            let mut out: Vec<Val> = match name {
                "setunion" => sets.concat(),
                "setintersection" => sets[0]
                    .iter()
                    .filter(|x| sets[1..].iter().all(|s| has(s, x)))
                    .cloned()
                    .collect(),
                _ => sets[0]
                    .iter()
                    .filter(|x| !has(&sets[1], x))
                    .cloned()
                    .collect(),
            };
            let tys: Vec<Ty> = a
                .iter()
                .map(elem_ty)
                .filter(|t| *t != Ty::Dynamic)
                .collect();
            let et = if tys.is_empty() {
                unify(&out.iter().map(Val::ty).collect::<Vec<_>>()).unwrap_or(Ty::Dynamic)
            } else {
                unify(&tys).ok_or("given sets must all have compatible element types")?
            };
            if et != Ty::Dynamic {
                let c = Con::from_ty(&et);
                out = out
                    .into_iter()
                    .map(|x| types::convert(&x, &c))
                    .collect::<Result<_, _>>()?;
            }
            Ok(make_set(out, et, None))
        }
        "setproduct" => {
            arity(name, a, 1, usize::MAX)?;
            let seqs: Vec<&Vec<Val>> = a
                .iter()
                .enumerate()
                .map(|(i, x)| want_seq(name, i, x))
                .collect::<Result<_, _>>()?;
            // the size first: the product is built only when it is within the limit
            let total = seqs
                .iter()
                .try_fold(1usize, |n, s| n.checked_mul(s.len().max(1)));
            if total.is_none_or(|n| n > super::EXPANSION_LIMIT * 10) {
                return Err(format!(
                    "the product has more than authwire's limit of {} elements",
                    super::EXPANSION_LIMIT * 10
                ));
            }
            let mut rows: Vec<Vec<Val>> = vec![vec![]];
            for s in &seqs {
                let mut next = Vec::new();
                for r in &rows {
                    for x in s.iter() {
                        let mut r2 = r.clone();
                        r2.push(x.clone());
                        next.push(r2);
                    }
                }
                rows = next;
            }
            if seqs.iter().any(|s| s.is_empty()) {
                rows.clear();
            }
            let all_sets = a.iter().all(Val::is_set);
            let tuples: Vec<Val> = rows.into_iter().map(Val::tuple).collect();
            let ety = Ty::Tuple(a.iter().map(elem_ty).collect());
            if all_sets {
                Ok(make_set(tuples, ety, None))
            } else {
                Ok(Val::list(tuples, ety))
            }
        }
        // ------------------------------------------------------------ encodings
        "jsondecode" => {
            arity(name, a, 1, 1)?;
            let x = s1(0)?;
            let j: serde_json::Value = serde_json::from_str(&x).map_err(|e| {
                format!("Invalid function argument: the string is not valid JSON: {e}")
            })?;
            Ok(from_json(&j))
        }
        "yamldecode" => {
            arity(name, a, 1, 1)?;
            yaml_decode(&s1(0)?)
        }
        "csvdecode" => {
            arity(name, a, 1, 1)?;
            csv_decode(&s1(0)?)
        }
        // ------------------------------------------------------------ network
        "cidrhost" | "cidrnetmask" | "cidrsubnet" | "cidrsubnets" => cidr(name, a),
        // ------------------------------------------------------------ time
        "timeadd" | "formatdate" | "timecmp" => time_fn(name, a),
        _ if name.starts_with("provider::aws::") => aws_fn(name, a),
        _ if name.starts_with("provider::") => Ok(Val::unknown(Origin::other(
            OriginKind::Function,
            format!("provider function {name}"),
        ))),
        _ => Ok(Val::unknown(Origin::other(OriginKind::Function, name))),
    }
}

fn err_text(v: Val) -> String {
    super::first_error(&v).map(|o| o.attr).unwrap_or_default()
}

fn title(x: &str) -> String {
    let mut out = String::new();
    let mut prev_letter = false;
    for c in x.chars() {
        if !prev_letter && c.is_alphabetic() {
            let mut u = c.to_uppercase();
            match (u.next(), u.next()) {
                (Some(one), None) => out.push(one),
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
        prev_letter = c.is_alphanumeric() || c == '_' || c == '\'';
    }
    out
}

fn regex(p: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(p)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| format!("Invalid function argument: invalid regular expression pattern: {e}"))
}

/// Go's `$1`/`${name}` replacement syntax is Rust's, except that Go reads `$1x` as the group
/// named `1x`; Rust does too, so the text passes unchanged.
fn go_replacement(to: &str) -> String {
    to.to_string()
}

fn hash(kind: &str, b: &[u8]) -> String {
    use sha2::Digest;
    match kind {
        "md5" => hex(&md5::Md5::digest(b)),
        "sha1" => hex(&sha1::Sha1::digest(b)),
        "sha256" => hex(&sha2::Sha256::digest(b)),
        "sha512" => hex(&sha2::Sha512::digest(b)),
        "base64sha256" => b64(&sha2::Sha256::digest(b)),
        _ => b64(&sha2::Sha512::digest(b)),
    }
}

fn go_base(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return "/".into();
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

fn go_dir(p: &str) -> String {
    let dir = match p.rfind('/') {
        Some(i) => &p[..=i],
        None => "",
    };
    go_clean(dir)
}

/// Go's `path.Clean`.
fn go_clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        _ => body,
    }
}

fn fileset(cx: &Ctx, dir: &str, pat: &str) -> R {
    let base = scoped(cx, "fileset", dir).map_err(err_text)?;
    let glob = globset::GlobBuilder::new(pat)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("Invalid function argument: invalid pattern \"{pat}\": {e}"))?
        .compile_matcher();
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(&base)
        .follow_links(false)
        .max_depth(32)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(rel) = e.path().strip_prefix(&base) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if glob.is_match(&rel) {
            out.push(rel);
        }
        if out.len() > super::EXPANSION_LIMIT {
            return Err("too many files match".into());
        }
    }
    out.sort();
    Ok(make_set(
        out.into_iter().map(string).collect(),
        Ty::Str,
        None,
    ))
}

fn parse_int(s: &str, base: u32) -> Option<f64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: f64 = 0.0;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 10,
            'A'..='Z' if base <= 36 => c as u32 - 'A' as u32 + 10,
            'A'..='Z' => c as u32 - 'A' as u32 + 36,
            _ => return None,
        };
        if d >= base {
            return None;
        }
        n = n * base as f64 + d as f64;
    }
    Some(if neg { -n } else { n })
}

/// JSON text of a known value, as Terraform's `jsonencode` writes it (keys sorted, `<>&`
/// escaped as Go does).
/// The JSON text of a value with unknown parts: literal text around them, each unknown string
/// in its quotes, any other unknown value a part of its own. `None` when a part cannot be
/// written (a number that is not finite).
fn json_parts(v: &Val) -> Option<Vec<Part>> {
    fn lit(out: &mut Vec<Part>, s: &str) {
        let s = s
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        match out.last_mut() {
            Some(Part::Lit(l)) => l.push_str(&s),
            _ => out.push(Part::Lit(s)),
        }
    }
    fn walk(v: &Val, out: &mut Vec<Part>) -> Option<()> {
        match &v.v {
            V::Unknown(o) if v.ty == Some(Ty::Str) => {
                lit(out, "\"");
                out.push(Part::Unknown(o.clone()));
                lit(out, "\"");
            }
            V::Unknown(o) => out.push(Part::Unknown(o.clone())),
            V::Template(parts) => {
                lit(out, "\"");
                for p in parts {
                    match p {
                        Part::Lit(t) => {
                            let q = serde_json::to_string(t).ok()?;
                            lit(out, &q[1..q.len() - 1]);
                        }
                        Part::Unknown(o) => out.push(Part::Unknown(o.clone())),
                    }
                }
                lit(out, "\"");
            }
            V::List(l) => {
                lit(out, "[");
                for (i, x) in l.iter().enumerate() {
                    if i > 0 {
                        lit(out, ",");
                    }
                    walk(x, out)?;
                }
                lit(out, "]");
            }
            V::Obj(m) => {
                lit(out, "{");
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        lit(out, ",");
                    }
                    lit(out, &serde_json::to_string(k).ok()?);
                    lit(out, ":");
                    walk(x, out)?;
                }
                lit(out, "}");
            }
            _ => {
                let mut s = String::new();
                json_write(v, &mut s).ok()?;
                lit(out, &s);
            }
        }
        Some(())
    }
    let mut out = Vec::new();
    walk(v, &mut out)?;
    Some(out)
}

pub fn json_text(v: &Val) -> Result<String, String> {
    if v.has_unknown() {
        return Err("value is not known".into());
    }
    let mut s = String::new();
    json_write(v, &mut s)?;
    Ok(s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029"))
}

fn json_write(v: &Val, out: &mut String) -> Result<(), String> {
    match &v.v {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(&b.to_string()),
        V::Num(n) if n.is_finite() => out.push_str(&fmt_num(*n)),
        V::Num(_) => return Err("a number that is not finite cannot be encoded".into()),
        V::Str(s) => out.push_str(&serde_json::to_string(s).map_err(|e| e.to_string())?),
        V::List(l) => {
            out.push('[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_write(x, out)?;
            }
            out.push(']');
        }
        V::Obj(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).map_err(|e| e.to_string())?);
                out.push(':');
                json_write(x, out)?;
            }
            out.push('}');
        }
        V::Unknown(_) | V::Template(_) => return Err("value is not known".into()),
    }
    Ok(())
}

/// A value decoded from JSON: objects and tuples, as Terraform's `jsondecode` gives them.
pub fn from_json(j: &serde_json::Value) -> Val {
    match j {
        serde_json::Value::Null => Val::null(),
        serde_json::Value::Bool(b) => Val::bool(*b),
        serde_json::Value::Number(n) => Val::num(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => string(s.clone()),
        serde_json::Value::Array(a) => Val::tuple(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            Val::object(o.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

/// `yamldecode` as go-cty-yaml does it: the YAML event stream with go-yaml's YAML 1.1-style
/// resolver (yes/no/on/off/y/n booleans, `~` null, 0x/0o integers, timestamps as RFC 3339
/// strings, `<<` merge keys), exactly one document, and no alias to an anchor from inside its
/// own definition.
fn yaml_decode(text: &str) -> R {
    use yaml_rust2::parser::{Event, Parser};
    let src = if text.is_empty() { "\n" } else { text };
    let mut d = YamlDec {
        p: Parser::new_from_str(src),
        pending: std::collections::HashMap::new(),
        anchors: std::collections::HashMap::new(),
    };
    let fail = |e: String| format!("Call to function \"yamldecode\" failed: {e}.");
    let (ev, at) = d.next().map_err(fail)?;
    if ev != Event::StreamStart {
        return Err(fail(yaml_at(at, "missing stream start token")));
    }
    let (ev, at) = d.next().map_err(fail)?;
    if ev != Event::DocumentStart {
        return Err(fail(yaml_at(at, "missing start of document")));
    }
    let v = d.node(0).map_err(fail)?;
    let (ev, at) = d.next().map_err(fail)?;
    if ev == Event::DocumentStart {
        return Err(fail(yaml_at(at, "only a single document is allowed")));
    }
    if ev != Event::DocumentEnd {
        return Err(fail(yaml_at(at, "unexpected extra content after value")));
    }
    let (ev, at) = d.next().map_err(fail)?;
    if ev != Event::StreamEnd {
        return Err(fail(yaml_at(at, "unexpected extra content after value")));
    }
    Ok(v)
}

fn yaml_at(at: yaml_rust2::scanner::Marker, msg: &str) -> String {
    format!("on line {}, column {}: {msg}", at.line(), at.col() + 1)
}

const YAML_TAG: &str = "tag:yaml.org,2002:";

struct YamlDec<'a> {
    p: yaml_rust2::parser::Parser<std::str::Chars<'a>>,
    /// Anchors whose node is being read (an alias to one is an error: cty values are finite).
    pending: std::collections::HashMap<usize, usize>,
    anchors: std::collections::HashMap<usize, Val>,
}

/// A resolved scalar: a value, or the `<<` merge key.
enum YScalar {
    Val(Val),
    Merge,
}

impl YamlDec<'_> {
    fn next(&mut self) -> Result<(yaml_rust2::parser::Event, yaml_rust2::scanner::Marker), String> {
        self.p.next_token().map_err(|e| {
            let m = e.marker();
            format!("on line {}, column {}: {}", m.line(), m.col() + 1, e.info())
        })
    }

    fn begin(&mut self, anchor: usize) {
        if anchor > 0 {
            *self.pending.entry(anchor).or_default() += 1;
        }
    }

    fn complete(&mut self, anchor: usize, v: &Val) {
        if anchor > 0 {
            if let Some(n) = self.pending.get_mut(&anchor) {
                *n -= 1;
                if *n == 0 {
                    self.pending.remove(&anchor);
                }
            }
            self.anchors.insert(anchor, v.clone());
        }
    }

    fn node(&mut self, depth: usize) -> Result<Val, String> {
        let ev = self.next()?;
        self.node_from(ev, depth)
    }

    fn node_from(
        &mut self,
        (ev, at): (yaml_rust2::parser::Event, yaml_rust2::scanner::Marker),
        depth: usize,
    ) -> Result<Val, String> {
        use yaml_rust2::parser::Event;
        if depth > 256 {
            return Err(yaml_at(at, "nested too deeply"));
        }
        match ev {
            Event::Scalar(src, style, anchor, tag) => {
                self.begin(anchor);
                let tag = yaml_tag(&tag);
                let explicit_str =
                    tag.is_empty() && style != yaml_rust2::scanner::TScalarStyle::Plain;
                let mut v = match yaml_resolve(&tag, &src, style).map_err(|e| yaml_at(at, &e))? {
                    YScalar::Merge => string("<<"),
                    YScalar::Val(v) => v,
                };
                if explicit_str {
                    // go-cty-yaml types an untagged quoted or block scalar as string and converts
                    // what the resolver made of it
                    v = match v.v {
                        V::Null => Val::typed(V::Null, Some(Ty::Str)),
                        V::Bool(b) => string(b.to_string()),
                        V::Num(n) => string(yaml_num_text(n)),
                        _ => v,
                    };
                }
                self.complete(anchor, &v);
                Ok(v)
            }
            Event::Alias(id) => {
                if self.pending.contains_key(&id) {
                    return Err(yaml_at(
                        at,
                        "cannot refer to anchor from inside its own definition",
                    ));
                }
                self.anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| yaml_at(at, "reference to undefined anchor"))
            }
            Event::SequenceStart(anchor, tag) => {
                let tag = yaml_tag(&tag);
                if !tag.is_empty() && tag != format!("{YAML_TAG}seq") {
                    return Err(yaml_at(at, &format!("can't interpret sequence as {tag}")));
                }
                self.begin(anchor);
                let mut items = Vec::new();
                loop {
                    let ev = self.next()?;
                    if ev.0 == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node_from(ev, depth + 1)?);
                }
                let v = Val::tuple(items);
                self.complete(anchor, &v);
                Ok(v)
            }
            Event::MappingStart(anchor, tag) => {
                let tag = yaml_tag(&tag);
                if !tag.is_empty() && tag != format!("{YAML_TAG}map") {
                    return Err(yaml_at(at, &format!("can't interpret mapping as {tag}")));
                }
                self.begin(anchor);
                let mut m = BTreeMap::new();
                loop {
                    let (ev, kat) = self.next()?;
                    let (src, style, ktag) = match ev {
                        Event::MappingEnd => break,
                        Event::Scalar(src, style, _, ktag) => (src, style, ktag),
                        _ => return Err(yaml_at(kat, "only strings are allowed as mapping keys")),
                    };
                    let key = match yaml_resolve(&yaml_tag(&ktag), &src, style)
                        .map_err(|e| yaml_at(kat, &e))?
                    {
                        YScalar::Merge => {
                            let v = self.node(depth + 1)?;
                            match v.v {
                                V::Obj(o) => m.extend(o),
                                _ => {
                                    return Err(yaml_at(
                                        kat,
                                        &format!("cannot merge {} into mapping", v.ty().show()),
                                    ));
                                }
                            }
                            continue;
                        }
                        YScalar::Val(k) => match k.v {
                            V::Str(s) => s,
                            V::Bool(b) => b.to_string(),
                            V::Num(n) => yaml_num_text(n),
                            V::Null => return Err(yaml_at(kat, "mapping key cannot be null")),
                            _ => {
                                return Err(yaml_at(
                                    kat,
                                    "only strings are allowed as mapping keys",
                                ));
                            }
                        },
                    };
                    let v = self.node(depth + 1)?;
                    m.insert(key, v);
                }
                let v = Val::object(m);
                self.complete(anchor, &v);
                Ok(v)
            }
            Event::StreamEnd => Err(yaml_at(at, "expecting value but found end of stream")),
            Event::DocumentStart => Err(yaml_at(at, "only a single document is allowed")),
            _ => Err(yaml_at(at, "unexpected parser event")),
        }
    }
}

fn yaml_tag(t: &Option<yaml_rust2::parser::Tag>) -> String {
    match t {
        None => String::new(),
        Some(t) if t.handle == "!!" => format!("{YAML_TAG}{}", t.suffix),
        Some(t) => format!("{}{}", t.handle, t.suffix),
    }
}

/// cty prints a number in full decimal (`big.Float.Text('f', -1)`).
fn yaml_num_text(n: f64) -> String {
    if n.is_infinite() {
        if n > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        }
    } else {
        fmt_num(n)
    }
}

/// A decimal number as cty.ParseNumberVal reads it (`[-+]?(\.d+|d+(\.d*)?)([eE][-+]?d+)?`).
fn yaml_decimal(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - f;
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok()
}

/// Go's strconv.ParseInt(s, 0, 64) / ParseUint: optional sign, 0x / 0o / 0b / leading-0 octal.
fn yaml_go_int(s: &str) -> Option<f64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() {
        return None;
    }
    let n = u64::from_str_radix(digits, radix).ok()?;
    if neg {
        if n > 1 << 63 {
            return None;
        }
        Some(-(n as f64))
    } else {
        Some(n as f64)
    }
}

/// go-yaml's `parseTimestamp` (the formats go-cty-yaml allows), formatted as RFC 3339.
fn yaml_timestamp(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    // 1 or 2 digits, as Go's layouts "1", "2", "15", "4", "5" read them
    fn num(b: &[u8], i: &mut usize) -> Option<u32> {
        let s = *i;
        while *i < b.len() && *i - s < 2 && b[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i == s {
            return None;
        }
        std::str::from_utf8(&b[s..*i]).ok()?.parse().ok()
    }
    fn lit(b: &[u8], i: &mut usize, c: u8) -> Option<()> {
        (b.get(*i) == Some(&c)).then(|| *i += 1)
    }
    let year: i32 = s[..4].parse().ok()?;
    let mut i = 5;
    let month = num(b, &mut i)?;
    lit(b, &mut i, b'-')?;
    let day = num(b, &mut i)?;
    let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let (mut h, mut mi, mut sec, mut off) = (0, 0, 0, 0i32);
    if i < b.len() {
        let sep = b[i];
        if sep != b'T' && sep != b't' && sep != b' ' {
            return None;
        }
        i += 1;
        h = num(b, &mut i)?;
        lit(b, &mut i, b':')?;
        mi = num(b, &mut i)?;
        lit(b, &mut i, b':')?;
        sec = num(b, &mut i)?;
        if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if sep != b' ' {
            // "Z07:00"
            match b.get(i) {
                Some(b'Z') => i += 1,
                Some(&c @ (b'+' | b'-')) => {
                    let z = s.get(i + 1..i + 6)?.as_bytes();
                    if z[2] != b':' || !z[..2].iter().chain(&z[3..]).all(u8::is_ascii_digit) {
                        return None;
                    }
                    let zh: i32 = s[i + 1..i + 3].parse().ok()?;
                    let zm: i32 = s[i + 4..i + 6].parse().ok()?;
                    if zh > 24 || zm > 60 {
                        return None;
                    }
                    off = (zh * 60 + zm) * 60 * if c == b'-' { -1 } else { 1 };
                    i += 6;
                }
                _ => return None,
            }
        }
        if h > 23 || mi > 59 || sec > 59 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let zone = if off == 0 {
        "Z".to_string()
    } else {
        let a = off.abs() / 60;
        format!(
            "{}{:02}:{:02}",
            if off < 0 { '-' } else { '+' },
            a / 60,
            a % 60
        )
    };
    Some(format!(
        "{}T{h:02}:{mi:02}:{sec:02}{zone}",
        date.format("%Y-%m-%d")
    ))
}

/// go-cty-yaml's `resolveScalar`.
fn yaml_resolve(
    tag: &str,
    src: &str,
    style: yaml_rust2::scanner::TScalarStyle,
) -> Result<YScalar, String> {
    use yaml_rust2::scanner::TScalarStyle;
    let t = |s: &str| format!("{YAML_TAG}{s}");
    let (str_t, bin_t, bool_t, int_t, float_t, null_t, ts_t) = (
        t("str"),
        t("binary"),
        t("bool"),
        t("int"),
        t("float"),
        t("null"),
        t("timestamp"),
    );
    if !(tag.is_empty()
        || [&str_t, &bin_t, &bool_t, &int_t, &float_t, &null_t, &ts_t].contains(&&tag.to_string()))
    {
        return Err(format!("unsupported tag \"{tag}\""));
    }
    let mapped = |s: &str| -> Option<Val> {
        Some(match s {
            "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
                Val::bool(true)
            }
            "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off"
            | "OFF" => Val::bool(false),
            "" | "~" | "null" | "Null" | "NULL" => Val::null(),
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Val::num(f64::INFINITY),
            "-.inf" | "-.Inf" | "-.INF" => Val::num(f64::NEG_INFINITY),
            _ => return None,
        })
    };
    let hint = match src.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(c) if c.is_ascii_digit() => b'D',
        Some(c) if b"yYnNtTfFoO~".contains(c) => b'M',
        Some(b'.') => b'.',
        _ => 0,
    };
    let mut tag = tag.to_string();
    if hint != 0 && tag != str_t && tag != bin_t {
        if matches!(
            style,
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted
        ) {
            return Ok(YScalar::Val(string(src)));
        }
        if let Some(v) = mapped(src) {
            return Ok(YScalar::Val(v));
        }
        if tag.is_empty() && [".nan", ".NaN", ".NAN"].contains(&src) {
            return Err("floating point NaN is not supported".into());
        }
        match hint {
            b'.' => {
                if let Some(n) = yaml_decimal(src) {
                    return Ok(YScalar::Val(Val::num(n)));
                }
            }
            b'D' | b'S' => {
                if (tag.is_empty() || tag == ts_t)
                    && let Some(ts) = yaml_timestamp(src)
                {
                    return Ok(YScalar::Val(string(ts)));
                }
                let int_lit = {
                    let b = src.as_bytes();
                    let dec = {
                        let d = b
                            .strip_prefix(b"+")
                            .or_else(|| b.strip_prefix(b"-"))
                            .unwrap_or(b);
                        !d.is_empty() && d.iter().all(u8::is_ascii_digit)
                    };
                    let oct = src.strip_prefix("0o").is_some_and(|d| {
                        !d.is_empty() && d.bytes().all(|c| (b'0'..=b'7').contains(&c))
                    });
                    let hex = src
                        .strip_prefix("0x")
                        .is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_hexdigit()));
                    dec || oct || hex
                };
                if int_lit {
                    tag = int_t.clone();
                } else if yaml_decimal(src).is_some() {
                    tag = float_t.clone();
                }
            }
            _ => {}
        }
    }
    if tag.is_empty() && src == "<<" {
        return Ok(YScalar::Merge);
    }
    let v = if tag == str_t || tag == bin_t {
        if tag == bin_t {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD
                .decode(src)
                .map_err(|_| format!("cannot parse \"{src}\" as {tag}: not valid base64"))?;
        }
        string(src)
    } else if tag == bool_t {
        match mapped(src) {
            Some(v @ Val { v: V::Bool(_), .. }) => v,
            _ => return Err(format!("cannot parse \"{src}\" as {tag}")),
        }
    } else if tag == float_t || tag == int_t {
        let plain = src.replace('_', "");
        match yaml_decimal(&plain).or_else(|| yaml_go_int(&plain)) {
            Some(n) => Val::num(n),
            None => return Err(format!("cannot parse \"{src}\" as {tag}")),
        }
    } else if tag == ts_t {
        match yaml_timestamp(src) {
            Some(ts) => string(ts),
            None => return Err(format!("cannot parse \"{src}\" as {tag}")),
        }
    } else if tag == null_t {
        Val::null()
    } else {
        string(src)
    };
    Ok(YScalar::Val(v))
}

/// `yamlencode` as go-cty-yaml does it: libyaml's emitter (ported here for the events go-cty-yaml
/// sends) with strings double-quoted, multi-line strings as literal blocks, numbers, bools and
/// null plain, block collections (empty ones in flow style), indent 2, line width 80.
fn yaml_text(v: &Val) -> Result<String, String> {
    let mut e = YamlEmitter {
        out: String::new(),
        column: 0,
        indent: -1,
        indents: Vec::new(),
        whitespace: true,
        indention: true,
        open_ended: false,
        root: false,
        mapping: false,
        simple_key: false,
    };
    e.node(v, true, false, false)?;
    // document end (implicit), then stream end
    e.write_indent();
    if e.open_ended {
        e.write_indicator("...", true, false, false);
        e.write_indent();
    }
    Ok(e.out)
}

struct YamlEmitter {
    out: String,
    column: usize,
    indent: i64,
    indents: Vec<i64>,
    whitespace: bool,
    indention: bool,
    open_ended: bool,
    root: bool,
    mapping: bool,
    simple_key: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum YStyle {
    Plain,
    Single,
    Double,
    Literal,
}

/// libyaml's analysis of a scalar (yaml_emitter_analyze_scalar), what style selection needs.
struct YAnalysis {
    multiline: bool,
    block_plain: bool,
    single_ok: bool,
    block_ok: bool,
}

fn y_printable(c: char) -> bool {
    let c = c as u32;
    c == 0x0A
        || (0x20..=0x7E).contains(&c)
        || (0xA0..=0xD7FF).contains(&c)
        || ((0xE000..=0xFFFD).contains(&c) && c != 0xFEFF)
}

fn y_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn y_analyze(value: &str) -> YAnalysis {
    if value.is_empty() {
        return YAnalysis {
            multiline: false,
            block_plain: true,
            single_ok: true,
            block_ok: false,
        };
    }
    let cs: Vec<char> = value.chars().collect();
    let (mut block_ind, mut flow_ind) = (false, false);
    if value.starts_with("---") || value.starts_with("...") {
        block_ind = true;
        flow_ind = true;
    }
    let (mut line_breaks, mut special) = (false, false);
    let (mut lead_space, mut lead_break, mut trail_space, mut trail_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut prev_space, mut prev_break) = (false, false);
    let mut preceded_ws = true;
    for (i, &c) in cs.iter().enumerate() {
        let followed_ws = i + 1 >= cs.len() || cs[i + 1] == ' ' || cs[i + 1] == '\t';
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_ind = true;
                    block_ind = true;
                }
                '?' | ':' => {
                    flow_ind = true;
                    if followed_ws {
                        block_ind = true;
                    }
                }
                '-' if followed_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_ind = true,
                ':' => {
                    flow_ind = true;
                    if followed_ws {
                        block_ind = true;
                    }
                }
                '#' if preceded_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        }
        if !y_printable(c) {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                lead_space = true;
            }
            if i + 1 == cs.len() {
                trail_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if y_break(c) {
            line_breaks = true;
            if i == 0 {
                lead_break = true;
            }
            if i + 1 == cs.len() {
                trail_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_ws = c == ' ' || c == '\t' || y_break(c);
    }
    let mut a = YAnalysis {
        multiline: line_breaks,
        block_plain: true,
        single_ok: true,
        block_ok: true,
    };
    let _ = flow_ind;
    if lead_space || lead_break || trail_space || trail_break {
        a.block_plain = false;
    }
    if trail_space {
        a.block_ok = false;
    }
    if break_space {
        a.block_plain = false;
        a.single_ok = false;
    }
    if space_break || special {
        a.block_plain = false;
        a.single_ok = false;
        a.block_ok = false;
    }
    if line_breaks || block_ind {
        a.block_plain = false;
    }
    a
}

impl YamlEmitter {
    const BEST_WIDTH: usize = 80;

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { 2 } else { 0 };
        } else if !indentless {
            self.indent += 2;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, ind: &str, need_ws: bool, is_ws: bool, is_indention: bool) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        for c in ind.chars() {
            self.put(c);
        }
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
    }

    fn node(&mut self, v: &Val, root: bool, mapping: bool, simple_key: bool) -> Result<(), String> {
        self.root = root;
        self.mapping = mapping;
        self.simple_key = simple_key;
        match &v.v {
            V::Null => self.scalar("null", YStyle::Plain),
            V::Bool(b) => self.scalar(if *b { "true" } else { "false" }, YStyle::Plain),
            V::Num(n) => self.scalar(&yaml_num_text(*n), YStyle::Plain),
            V::Str(s) => self.scalar(
                s,
                if s.contains('\n') {
                    YStyle::Literal
                } else {
                    YStyle::Double
                },
            ),
            V::List(items) if items.is_empty() => self.empty_flow("[", "]"),
            V::Obj(m) if m.is_empty() => self.empty_flow("{", "}"),
            V::List(items) => {
                self.increase_indent(false, self.mapping && !self.indention);
                for x in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(x, false, false, false)?;
                }
                self.pop_indent();
            }
            V::Obj(m) => {
                self.increase_indent(false, false);
                for (k, x) in m {
                    self.write_indent();
                    let simple = !y_analyze(k).multiline && k.len() <= 128;
                    let key = string(k.clone());
                    if simple {
                        self.node(&key, false, true, true)?;
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.node(&key, false, true, false)?;
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(x, false, true, false)?;
                }
                self.pop_indent();
            }
            V::Unknown(_) | V::Template(_) => {
                return Err("cannot serialize unknown value as YAML".into());
            }
        }
        Ok(())
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.increase_indent(true, false);
        self.pop_indent();
        self.write_indicator(close, false, false, false);
    }

    fn scalar(&mut self, value: &str, requested: YStyle) {
        let a = y_analyze(value);
        let mut style = requested;
        if self.simple_key && a.multiline {
            style = YStyle::Double;
        }
        if style == YStyle::Plain && !a.block_plain {
            style = YStyle::Single;
        }
        if style == YStyle::Single && !a.single_ok {
            style = YStyle::Double;
        }
        if style == YStyle::Literal && (!a.block_ok || self.simple_key) {
            style = YStyle::Double;
        }
        self.increase_indent(true, false);
        match style {
            YStyle::Plain => self.write_plain(value),
            YStyle::Single => self.write_single(value),
            YStyle::Double => self.write_double(value, !self.simple_key),
            YStyle::Literal => self.write_literal(value),
        }
        self.pop_indent();
    }

    /// Only for values without spaces or breaks (numbers, bools, null).
    fn write_plain(&mut self, value: &str) {
        if !self.whitespace {
            self.put(' ');
        }
        for c in value.chars() {
            self.put(c);
        }
        self.whitespace = false;
        self.indention = false;
        if self.root {
            self.open_ended = true;
        }
    }

    /// Only reached for single-line values without special characters.
    fn write_single(&mut self, value: &str) {
        self.write_indicator("'", true, false, false);
        for c in value.chars() {
            if c == '\'' {
                self.put('\'');
            }
            self.put(c);
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double(&mut self, value: &str, allow_breaks: bool) {
        let cs: Vec<(usize, char)> = value.char_indices().collect();
        let mut spaces = false;
        self.write_indicator("\"", true, false, false);
        for (n, &(i, c)) in cs.iter().enumerate() {
            if !y_printable(c) || c == '\u{FEFF}' || y_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\x07' => self.put('a'),
                    '\x08' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\x0b' => self.put('v'),
                    '\x0c' => self.put('f'),
                    '\r' => self.put('r'),
                    '\x1b' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{A0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    _ => {
                        let v = c as u32;
                        let (p, w) = if v <= 0xFF {
                            ('x', 2)
                        } else if v <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(p);
                        for d in format!("{v:0w$X}").chars() {
                            self.put(d);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > Self::BEST_WIDTH
                    && i > 0
                    && i < value.len() - 1
                {
                    self.write_indent();
                    if cs.get(n + 1).is_some_and(|&(_, d)| d == ' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        let cs: Vec<char> = value.chars().collect();
        if cs.first().is_some_and(|&c| c == ' ' || y_break(c)) {
            self.write_indicator("2", false, false, false);
        }
        self.open_ended = false;
        let chomp = match cs.as_slice() {
            [] => Some("-"),
            [.., last] if !y_break(*last) => Some("-"),
            [_] => Some("+"),
            [.., prev, _] if y_break(*prev) => Some("+"),
            _ => None,
        };
        if let Some(h) = chomp {
            self.write_indicator(h, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &cs {
            if y_break(c) {
                if c == '\n' {
                    self.put_break();
                } else {
                    self.out.push(c);
                    self.column = 0;
                }
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

fn csv_decode(text: &str) -> R {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rd
        .headers()
        .map_err(|e| format!("Invalid function argument: {e}"))?
        .iter()
        .map(String::from)
        .collect();
    let mut rows = Vec::new();
    for r in rd.records() {
        let r = r.map_err(|e| format!("Invalid function argument: {e}"))?;
        if r.len() != headers.len() {
            return Err(
                "Invalid function argument: a row has a different number of fields than the header"
                    .into(),
            );
        }
        let m: BTreeMap<String, Val> = headers.iter().cloned().zip(r.iter().map(string)).collect();
        rows.push(Val::object(m));
    }
    let ety = Ty::Obj(headers.iter().map(|h| (h.clone(), Ty::Str)).collect());
    Ok(Val::list(rows, ety))
}

// ---------------------------------------------------------------- format

fn format_str(f: &str, args: &[Val]) -> Result<String, String> {
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    let mut ai = 0;
    let mut reordered = false;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        // flags
        let (mut minus, mut plus, mut space, mut zero, mut sharp) =
            (false, false, false, false, false);
        while let Some(&fc) = chars.get(i) {
            match fc {
                '-' => minus = true,
                '+' => plus = true,
                ' ' => space = true,
                '0' => zero = true,
                '#' => sharp = true,
                _ => break,
            }
            i += 1;
        }
        // explicit argument index [n]
        if chars.get(i) == Some(&'[') {
            let end = chars[i..]
                .iter()
                .position(|c| *c == ']')
                .ok_or("unterminated argument index")?;
            let n: usize = chars[i + 1..i + end]
                .iter()
                .collect::<String>()
                .parse()
                .map_err(|_| "invalid argument index")?;
            if n == 0 {
                return Err("invalid argument index 0".into());
            }
            ai = n - 1;
            reordered = true;
            i += end + 1;
        }
        let mut width: Option<usize> = None;
        let mut w = String::new();
        while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
            w.push(chars[i]);
            i += 1;
        }
        if !w.is_empty() {
            let n: usize = w.parse().map_err(|_| "invalid width")?;
            if n > 1 << 16 {
                return Err("the width is too large".into());
            }
            width = Some(n);
        }
        let mut prec: Option<usize> = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
                p.push(chars[i]);
                i += 1;
            }
            let n: usize = if p.is_empty() {
                0
            } else {
                p.parse().map_err(|_| "invalid precision")?
            };
            if n > 1 << 12 {
                return Err("the precision is too large".into());
            }
            prec = Some(n);
        }
        let Some(&verb) = chars.get(i) else {
            return Err("format string ends with an incomplete verb".into());
        };
        i += 1;
        let Some(arg) = args.get(ai) else {
            return Err(format!(
                "not enough arguments for %{verb} at position {}",
                ai + 1
            ));
        };
        ai += 1;
        let body = format_one(verb, arg, prec, plus, space, sharp)?;
        let n = body.chars().count();
        let padded = match width {
            Some(w) if n < w => {
                let fill = w - n;
                if minus {
                    format!("{body}{}", " ".repeat(fill))
                } else if zero
                    && matches!(
                        verb,
                        'd' | 'f' | 'e' | 'E' | 'g' | 'G' | 'b' | 'o' | 'x' | 'X'
                    )
                {
                    let (sign, digits) = match body.chars().next() {
                        Some(s @ ('-' | '+' | ' ')) => (s.to_string(), body[1..].to_string()),
                        _ => (String::new(), body.clone()),
                    };
                    format!("{sign}{}{digits}", "0".repeat(fill))
                } else {
                    format!("{}{body}", " ".repeat(fill))
                }
            }
            _ => body,
        };
        out.push_str(&padded);
    }
    if ai < args.len() && !reordered {
        return Err(format!(
            "too many arguments; only {ai} used by format string"
        ));
    }
    Ok(out)
}

fn format_one(
    verb: char,
    arg: &Val,
    prec: Option<usize>,
    plus: bool,
    space: bool,
    sharp: bool,
) -> Result<String, String> {
    let sign = |n: f64, s: String| -> String {
        if n >= 0.0 && plus {
            format!("+{s}")
        } else if n >= 0.0 && space {
            format!(" {s}")
        } else {
            s
        }
    };
    match verb {
        'v' => {
            if arg.is_null() {
                return Ok("null".into());
            }
            if sharp {
                return json_text(arg);
            }
            match &arg.v {
                V::Str(s) => Ok(s.clone()),
                V::Num(n) => Ok(sign(*n, go_g_shortest(*n))),
                V::Bool(b) => Ok(b.to_string()),
                _ => json_text(arg),
            }
        }
        's' => {
            let s = match types::convert(arg, &Con::Str) {
                Ok(Val { v: V::Str(s), .. }) => s,
                _ => {
                    if arg.is_null() {
                        return Err(
                            "unsupported value for \"%s\": null value cannot be formatted".into(),
                        );
                    }
                    return Err(format!(
                        "unsupported value for \"%s\": string required, not {}",
                        arg.ty().show()
                    ));
                }
            };
            Ok(match prec {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            })
        }
        'q' => {
            let s = match types::convert(arg, &Con::Str) {
                Ok(Val { v: V::Str(s), .. }) => s,
                _ => return Err("unsupported value for \"%q\": string required".into()),
            };
            Ok(serde_json::to_string(&s).unwrap_or_default())
        }
        't' => match types::convert(arg, &Con::Bool) {
            Ok(Val { v: V::Bool(b), .. }) => Ok(b.to_string()),
            _ => Err("unsupported value for \"%t\": bool required".into()),
        },
        'd' | 'b' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = match types::convert(arg, &Con::Num) {
                Ok(Val { v: V::Num(n), .. }) => n,
                _ => {
                    return Err(format!(
                        "unsupported value for \"%{verb}\": number required"
                    ));
                }
            };
            if matches!(verb, 'd' | 'b' | 'o' | 'x' | 'X') && n.fract() != 0.0 {
                return Err(format!(
                    "unsupported value for \"%{verb}\": an integer is required"
                ));
            }
            let i = n as i128;
            let a = i.unsigned_abs();
            let neg = i < 0;
            let body = match verb {
                'd' => format!("{a}"),
                'b' => format!("{a:b}"),
                'o' => {
                    if sharp {
                        format!("0{a:o}")
                    } else {
                        format!("{a:o}")
                    }
                }
                'x' => {
                    if sharp {
                        format!("0x{a:x}")
                    } else {
                        format!("{a:x}")
                    }
                }
                'X' => {
                    if sharp {
                        format!("0X{a:X}")
                    } else {
                        format!("{a:X}")
                    }
                }
                'f' => format!("{:.*}", prec.unwrap_or(6), n.abs()),
                'e' | 'E' => {
                    let s = go_exp(n.abs(), prec.unwrap_or(6));
                    if verb == 'E' { s.to_uppercase() } else { s }
                }
                _ => {
                    let s = match prec {
                        Some(p) => go_g(n.abs(), p.max(1)),
                        None => go_g_shortest(n.abs()),
                    };
                    if verb == 'G' { s.to_uppercase() } else { s }
                }
            };
            let neg = if matches!(verb, 'f' | 'e' | 'E' | 'g' | 'G') {
                n < 0.0
            } else {
                neg
            };
            Ok(if neg {
                format!("-{body}")
            } else {
                sign(n, body)
            })
        }
        other => Err(format!(
            "unrecognized format character '{other}' in format string"
        )),
    }
}

/// Go's `%e`: mantissa with `prec` decimals and a two-digit exponent.
fn go_exp(n: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, n);
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// Go's `%g` with the shortest representation: an exponent below -4 or from 21 on uses e-notation
/// (big.Float's `Text('g', -1)`).
fn go_g_shortest(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    let e = format!("{:e}", n.abs());
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits = mant.replace('.', "").len() as i32;
    let _ = digits;
    let eprec = 6;
    let body = if exp < -4 || exp >= eprec {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.abs())
    } else {
        fmt_num(n.abs())
    };
    if n < 0.0 { format!("-{body}") } else { body }
}

fn go_g(n: f64, prec: usize) -> String {
    if n == 0.0 {
        return "0".into();
    }
    let exp = n.log10().floor() as i32;
    if exp < -4 || exp >= prec as i32 {
        let s = go_exp(n, prec - 1);
        let (m, e) = s.split_once('e').unwrap_or((&s, ""));
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}e{e}")
    } else {
        let decimals = (prec as i32 - 1 - exp).max(0) as usize;
        let s = format!("{:.*}", decimals, n);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

// ---------------------------------------------------------------- cidr

fn parse_cidr(s: &str) -> Result<(u128, u32, bool), String> {
    let (ip, len) = s
        .split_once('/')
        .ok_or_else(|| format!("invalid CIDR expression: {s}"))?;
    let len: u32 = len
        .parse()
        .map_err(|_| format!("invalid CIDR expression: {s}"))?;
    let v4 = {
        let parts: Vec<&str> = ip.split('.').collect();
        if parts.len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let o: Vec<u32> = parts
                .iter()
                .map(|p| p.parse::<u32>().unwrap_or(256))
                .collect();
            o.iter()
                .all(|x| *x < 256)
                .then(|| std::net::Ipv4Addr::new(o[0] as u8, o[1] as u8, o[2] as u8, o[3] as u8))
        } else {
            None
        }
    };
    if let Some(v4) = v4 {
        if len > 32 {
            return Err(format!("invalid CIDR expression: {s}"));
        }
        Ok((u32::from(v4) as u128, len, false))
    } else if let Ok(v6) = ip.parse::<std::net::Ipv6Addr>() {
        if len > 128 {
            return Err(format!("invalid CIDR expression: {s}"));
        }
        Ok((u128::from(v6), len, true))
    } else {
        Err(format!("invalid CIDR expression: {s}"))
    }
}

fn show_ip(x: u128, v6: bool) -> String {
    if v6 {
        std::net::Ipv6Addr::from(x).to_string()
    } else {
        std::net::Ipv4Addr::from(x as u32).to_string()
    }
}

fn cidr(name: &str, a: &[Val]) -> R {
    let bits_total = |v6: bool| if v6 { 128u32 } else { 32 };
    let mask = |len: u32, total: u32| -> u128 {
        if len == 0 {
            0
        } else {
            (u128::MAX << (128 - len)) >> (128 - total)
        }
    };
    match name {
        "cidrhost" => {
            arity(name, a, 2, 2)?;
            let (ip, len, v6) = parse_cidr(&want_str(name, 0, &a[0])?)?;
            let total = bits_total(v6);
            let host = want_int(name, 1, &a[1])?;
            let net = ip & mask(len, total);
            let size: i128 = 1i128 << (total - len).min(126);
            let h = host as i128;
            if h >= size || h < -size {
                return Err(format!(
                    "prefix of {len} does not accommodate a host numbered {host}"
                ));
            }
            let off = if h < 0 { size + h } else { h } as u128;
            Ok(string(show_ip(net | off, v6)))
        }
        "cidrnetmask" => {
            arity(name, a, 1, 1)?;
            let (_, len, v6) = parse_cidr(&want_str(name, 0, &a[0])?)?;
            if v6 {
                return Err("only IPv4 networks are supported".into());
            }
            Ok(string(show_ip(mask(len, 32), false)))
        }
        "cidrsubnet" => {
            arity(name, a, 3, 3)?;
            let (ip, len, v6) = parse_cidr(&want_str(name, 0, &a[0])?)?;
            let total = bits_total(v6);
            let newbits = want_int(name, 1, &a[1])?;
            let num = want_int(name, 2, &a[2])?;
            if num < 0 {
                return Err("netnum must not be negative".into());
            }
            let nl = len as i64 + newbits;
            if nl < 0 {
                return Err(format!("cannot shorten a prefix of {len} by {}", -newbits));
            }
            let nl = nl as u32;
            if nl > total {
                return Err(format!(
                    "insufficient address space to extend prefix of {len} by {newbits}"
                ));
            }
            if (0..127).contains(&newbits) && (num as u128) >= (1u128 << newbits) {
                return Err(format!(
                    "prefix extension of {newbits} does not accommodate a subnet numbered {num}"
                ));
            }
            let net = ip & mask(nl.min(len), total);
            let sub = net | ((num as u128) << (total - nl));
            Ok(string(format!("{}/{nl}", show_ip(sub, v6))))
        }
        _ => {
            arity(name, a, 1, usize::MAX)?;
            let (ip, len, v6) = parse_cidr(&want_str(name, 0, &a[0])?)?;
            let total = bits_total(v6);
            let net = ip & mask(len, total);
            let ones = if total == 128 {
                u128::MAX
            } else {
                (1u128 << total) - 1
            };
            let last = net | (ones & !mask(len, total));
            let mut cur: u128 = net;
            let mut first = true;
            let mut out = Vec::new();
            for (i, x) in a.iter().enumerate().skip(1) {
                let nb = want_int(name, i, x)?;
                if nb < 1 {
                    return Err("must extend prefix by at least one bit".into());
                }
                let nl = len + nb as u32;
                if nl > total {
                    return Err(format!(
                        "would extend prefix to {nl} bits, which is too long for an IPv{} address",
                        if v6 { 6 } else { 4 }
                    ));
                }
                let step = 1u128 << (total - nl);
                if !first {
                    // next aligned block after cur
                    cur = cur.div_ceil(step) * step;
                } else {
                    first = false;
                }
                if (cur & mask(len, total)) != net || cur + step - 1 > last {
                    return Err(format!(
                        "not enough remaining address space for a subnet with a prefix of {nl} bits after {}",
                        out.last()
                            .map(|v: &Val| v.as_str().unwrap_or("").to_string())
                            .unwrap_or_default()
                    ));
                }
                out.push(string(format!("{}/{nl}", show_ip(cur, v6))));
                cur += step;
            }
            Ok(Val::list(out, Ty::Str))
        }
    }
}

// ---------------------------------------------------------------- time

fn parse_ts(name: &str, s: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(s).map_err(|_| {
        format!("Invalid function argument: \"{s}\" is not a valid RFC 3339 timestamp ({name})")
    })
}

fn parse_go_duration(s: &str) -> Option<i64> {
    // nanoseconds
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Some(0);
    }
    let mut total: f64 = 0.0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let n_end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
        let n: f64 = rest[..n_end].parse().ok()?;
        rest = &rest[n_end..];
        let u_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..u_end] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += n * unit;
        rest = &rest[u_end..];
    }
    Some(if neg { -(total as i64) } else { total as i64 })
}

fn time_fn(name: &str, a: &[Val]) -> R {
    match name {
        "timeadd" => {
            arity(name, a, 2, 2)?;
            let t = parse_ts(name, &want_str(name, 0, &a[0])?)?;
            let d = want_str(name, 1, &a[1])?;
            let ns = parse_go_duration(&d)
                .ok_or_else(|| format!("Invalid function argument: invalid duration \"{d}\""))?;
            let r = t + chrono::Duration::nanoseconds(ns);
            Ok(string(r.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
        }
        "timecmp" => {
            arity(name, a, 2, 2)?;
            let x = parse_ts(name, &want_str(name, 0, &a[0])?)?;
            let y = parse_ts(name, &want_str(name, 1, &a[1])?)?;
            Ok(Val::num(match x.cmp(&y) {
                std::cmp::Ordering::Less => -1.0,
                std::cmp::Ordering::Equal => 0.0,
                std::cmp::Ordering::Greater => 1.0,
            }))
        }
        _ => {
            arity(name, a, 2, 2)?;
            let f = want_str(name, 0, &a[0])?;
            let t = parse_ts(name, &want_str(name, 1, &a[1])?)?;
            format_date(&f, &t)
        }
    }
}

fn format_date(f: &str, t: &chrono::DateTime<chrono::FixedOffset>) -> R {
    use chrono::{Datelike, Timelike};
    let chars: Vec<char> = f.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let end = chars[i + 1..]
                .iter()
                .position(|x| *x == '\'')
                .ok_or("unterminated literal in format")?;
            if end == 0 {
                out.push('\'');
            } else {
                out.extend(&chars[i + 1..i + 1 + end]);
            }
            i += end + 2;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let mut n = 1;
        while chars.get(i + n) == Some(&c) {
            n += 1;
        }
        let tok: String = std::iter::repeat_n(c, n).collect();
        let off = t.offset().local_minus_utc();
        let s = match tok.as_str() {
            "YYYY" => format!("{:04}", t.year()),
            "YY" => format!("{:02}", t.year() % 100),
            "MMMM" => t.format("%B").to_string(),
            "MMM" => t.format("%b").to_string(),
            "MM" => format!("{:02}", t.month()),
            "M" => t.month().to_string(),
            "DD" => format!("{:02}", t.day()),
            "D" => t.day().to_string(),
            "EEEE" => t.format("%A").to_string(),
            "EEE" => t.format("%a").to_string(),
            "hh" => format!("{:02}", t.hour()),
            "h" => t.hour().to_string(),
            "HH" => format!("{:02}", if t.hour12().1 == 0 { 12 } else { t.hour12().1 }),
            "H" => t.hour12().1.to_string(),
            "AA" => if t.hour() < 12 { "AM" } else { "PM" }.into(),
            "aa" => if t.hour() < 12 { "am" } else { "pm" }.into(),
            "mm" => format!("{:02}", t.minute()),
            "m" => t.minute().to_string(),
            "ss" => format!("{:02}", t.second()),
            "s" => t.second().to_string(),
            "ZZZZZ" | "ZZZZ" | "ZZZ" | "Z" => {
                if off == 0 && tok == "Z" {
                    "Z".into()
                } else if off == 0 && tok == "ZZZ" {
                    "UTC".into()
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let o = off.abs();
                    if tok == "ZZZZZ" || tok == "Z" {
                        format!("{sign}{:02}:{:02}", o / 3600, (o % 3600) / 60)
                    } else {
                        format!("{sign}{:02}{:02}", o / 3600, (o % 3600) / 60)
                    }
                }
            }
            _ => return Err(format!("invalid date format verb \"{tok}\"")),
        };
        out.push_str(&s);
        i += n;
    }
    Ok(string(out))
}

// ---------------------------------------------------------------- provider::aws::

fn aws_fn(name: &str, a: &[Val]) -> R {
    match name.trim_start_matches("provider::aws::") {
        "arn_parse" => {
            arity(name, a, 1, 1)?;
            let s = want_str(name, 0, &a[0])?;
            let parts: Vec<&str> = s.splitn(6, ':').collect();
            if parts.len() != 6 || parts[0] != "arn" {
                return Err(format!("invalid ARN \"{s}\""));
            }
            let mut m = BTreeMap::new();
            for (k, v) in ["partition", "service", "region", "account_id", "resource"]
                .iter()
                .zip(&parts[1..])
            {
                m.insert(k.to_string(), string(*v));
            }
            Ok(Val::object(m))
        }
        "arn_build" => {
            arity(name, a, 5, 5)?;
            let p: Vec<String> = (0..5)
                .map(|i| want_str(name, i, &a[i]))
                .collect::<Result<_, _>>()?;
            Ok(string(format!(
                "arn:{}:{}:{}:{}:{}",
                p[0], p[1], p[2], p[3], p[4]
            )))
        }
        "trim_iam_role_path" => {
            arity(name, a, 1, 1)?;
            let s = want_str(name, 0, &a[0])?;
            let (head, res) = s.rsplit_once(":role/").ok_or("invalid IAM role ARN")?;
            let role = res.rsplit('/').next().unwrap_or(res);
            Ok(string(format!("{head}:role/{role}")))
        }
        _ => Ok(Val::unknown(Origin::other(
            OriginKind::Function,
            format!("provider function {name}"),
        ))),
    }
}
