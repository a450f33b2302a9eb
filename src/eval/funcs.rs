//! The Terraform functions real configurations use. Anything not implemented yields Unknown
//! (origin: the function), never an error.

use crate::value::{Origin, OriginKind, Part, V, Val, fmt_num, merge_origins};
use std::collections::BTreeMap;

fn unknown_of(args: &[Val]) -> Val {
    let mut o = Vec::new();
    for a in args {
        merge_origins(&mut o, &a.origins());
    }
    Val::new(V::Unknown(o), None)
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
        V::List(_) | V::Obj(_) => return Err("a list or object cannot be used in a string".into()),
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
        [Part::Lit(s)] => V::Str(s.clone()),
        _ => V::Template(out),
    }
}

fn s(v: &Val) -> Option<&str> {
    v.as_str()
}

fn num(v: &Val) -> Option<f64> {
    match &v.v {
        V::Num(n) => Some(*n),
        V::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn list(v: &Val) -> Option<&Vec<Val>> {
    match &v.v {
        V::List(l) => Some(l),
        _ => None,
    }
}

fn obj(v: &Val) -> Option<&BTreeMap<String, Val>> {
    match &v.v {
        V::Obj(m) => Some(m),
        _ => None,
    }
}

fn lst(items: Vec<Val>) -> Val {
    Val::new(V::List(items), None)
}

fn string(x: impl Into<String>) -> Val {
    Val::str(x)
}

fn bad(name: &str) -> Val {
    Val::error(format!("invalid arguments to {name}()"))
}

pub fn is_error(v: &Val) -> bool {
    match &v.v {
        V::Unknown(o) => o.iter().any(|o| o.kind == OriginKind::Error),
        _ => false,
    }
}

fn dedup(items: Vec<Val>) -> Vec<Val> {
    let mut out: Vec<Val> = Vec::new();
    for i in items {
        if !out.iter().any(|o| o.v == i.v) {
            out.push(i);
        }
    }
    out
}

pub fn call(name: &str, args: Vec<Val>, base_dir: &std::path::Path) -> Val {
    let name = name.strip_prefix("provider::terraform::").unwrap_or(name);
    // functions that look at structure and accept unknown elements
    match name {
        "try" => {
            for a in &args {
                if !is_error(a) {
                    return a.clone();
                }
            }
            return Val::error("try(): no argument could be evaluated");
        }
        "can" => {
            return match args.first() {
                Some(a) if is_error(a) => Val::new(V::Bool(false), None),
                Some(a) if a.has_unknown() => unknown_of(&args),
                Some(_) => Val::new(V::Bool(true), None),
                None => bad(name),
            };
        }
        "coalesce" => {
            for a in &args {
                if a.is_unknown() {
                    return unknown_of(std::slice::from_ref(a));
                }
                if !a.is_null() && a.as_str() != Some("") {
                    return a.clone();
                }
            }
            return Val::error("coalesce(): no non-null argument");
        }
        "coalescelist" => {
            for a in &args {
                match &a.v {
                    V::List(l) if !l.is_empty() => return a.clone(),
                    V::Unknown(_) => return a.clone(),
                    _ => {}
                }
            }
            return lst(vec![]);
        }
        "concat" => {
            let mut out = Vec::new();
            for a in &args {
                match &a.v {
                    V::List(l) => out.extend(l.iter().cloned()),
                    V::Null => {}
                    _ => return unknown_of(&args),
                }
            }
            return lst(out);
        }
        "flatten" => {
            fn flat(v: &Val, out: &mut Vec<Val>) -> bool {
                match &v.v {
                    V::List(l) => l.iter().all(|x| flat(x, out)),
                    V::Unknown(_) => false,
                    _ => {
                        out.push(v.clone());
                        true
                    }
                }
            }
            let mut out = Vec::new();
            return match args.first() {
                Some(a) if flat(a, &mut out) => lst(out),
                _ => unknown_of(&args),
            };
        }
        "merge" => {
            let mut out = BTreeMap::new();
            for a in &args {
                match &a.v {
                    V::Obj(m) => out.extend(m.iter().map(|(k, v)| (k.clone(), v.clone()))),
                    V::Null => {}
                    _ => return unknown_of(&args),
                }
            }
            return Val::new(V::Obj(out), None);
        }
        "tolist" | "toset" => {
            return match args.first().map(|a| &a.v) {
                Some(V::List(l)) => {
                    if name == "toset" && !l.iter().any(Val::has_unknown) {
                        let mut items = dedup(l.clone());
                        items.sort_by_key(|a| a.show());
                        lst(items)
                    } else {
                        lst(l.clone())
                    }
                }
                Some(V::Null) => Val::null(),
                _ => unknown_of(&args),
            };
        }
        "tomap" => {
            return match args.first() {
                Some(a) if obj(a).is_some() => a.clone(),
                _ => unknown_of(&args),
            };
        }
        "length" => {
            return match args.first().map(|a| &a.v) {
                Some(V::List(l)) => Val::new(V::Num(l.len() as f64), None),
                Some(V::Obj(m)) => Val::new(V::Num(m.len() as f64), None),
                Some(V::Str(s)) => Val::new(V::Num(s.chars().count() as f64), None),
                _ => unknown_of(&args),
            };
        }
        "lookup" => {
            return match (args.first().map(|a| &a.v), args.get(1).and_then(s)) {
                (Some(V::Obj(m)), Some(k)) => m
                    .get(k)
                    .cloned()
                    .or_else(|| args.get(2).cloned())
                    .unwrap_or_else(|| Val::error(format!("lookup(): no key \"{k}\""))),
                _ => unknown_of(&args),
            };
        }
        "element" => {
            return match (args.first().and_then(list), args.get(1).and_then(num)) {
                (Some(l), Some(i)) if !l.is_empty() => l[(i as usize) % l.len()].clone(),
                _ => unknown_of(&args),
            };
        }
        "keys" => {
            return match args.first().and_then(obj) {
                Some(m) => lst(m.keys().map(string).collect()),
                None => unknown_of(&args),
            };
        }
        "values" => {
            return match args.first().and_then(obj) {
                Some(m) => lst(m.values().cloned().collect()),
                None => unknown_of(&args),
            };
        }
        "one" => {
            return match args.first().map(|a| &a.v) {
                Some(V::List(l)) if l.len() == 1 => l[0].clone(),
                Some(V::List(l)) if l.is_empty() => Val::null(),
                Some(V::Null) => Val::null(),
                _ => unknown_of(&args),
            };
        }
        "slice" => {
            return match (
                args.first().and_then(list),
                args.get(1).and_then(num),
                args.get(2).and_then(num),
            ) {
                (Some(l), Some(a), Some(b)) if a <= b && (b as usize) <= l.len() => {
                    lst(l[a as usize..b as usize].to_vec())
                }
                _ => unknown_of(&args),
            };
        }
        "reverse" => {
            return match args.first().and_then(list) {
                Some(l) => lst(l.iter().rev().cloned().collect()),
                None => unknown_of(&args),
            };
        }
        "zipmap" => {
            return match (args.first().and_then(list), args.get(1).and_then(list)) {
                (Some(k), Some(v)) if k.len() == v.len() => {
                    let mut m = BTreeMap::new();
                    for (k, v) in k.iter().zip(v) {
                        match s(k) {
                            Some(k) => {
                                m.insert(k.to_string(), v.clone());
                            }
                            None => return unknown_of(&args),
                        }
                    }
                    Val::new(V::Obj(m), None)
                }
                _ => unknown_of(&args),
            };
        }
        "format" | "join" | "formatlist" => {}
        _ => {
            if args.iter().any(Val::has_unknown) {
                return unknown_of(&args);
            }
        }
    }
    match name {
        "format" => {
            let Some(f) = args.first().and_then(s) else {
                return unknown_of(&args);
            };
            format_parts(f, &args[1..])
                .map(|p| Val::new(from_parts(p), None))
                .unwrap_or_else(|e| Val::error(format!("format(): {e}")))
        }
        "join" => {
            let (Some(sep), Some(l)) = (args.first().and_then(s), args.get(1).and_then(list))
            else {
                return unknown_of(&args);
            };
            let mut parts = Vec::new();
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    parts.push(Part::Lit(sep.to_string()));
                }
                match to_parts(x) {
                    Ok(p) => parts.extend(p),
                    Err(e) => return Val::error(format!("join(): {e}")),
                }
            }
            Val::new(from_parts(parts), None)
        }
        "formatlist" => {
            let Some(f) = args.first().and_then(s) else {
                return unknown_of(&args);
            };
            let n = args[1..]
                .iter()
                .filter_map(list)
                .map(Vec::len)
                .max()
                .unwrap_or(0);
            let mut out = Vec::new();
            for i in 0..n {
                let row: Vec<Val> = args[1..]
                    .iter()
                    .map(|a| {
                        list(a)
                            .and_then(|l| l.get(i).cloned())
                            .unwrap_or_else(|| a.clone())
                    })
                    .collect();
                match format_parts(f, &row) {
                    Ok(p) => out.push(Val::new(from_parts(p), None)),
                    Err(e) => return Val::error(format!("formatlist(): {e}")),
                }
            }
            lst(out)
        }
        "split" => match (args.first().and_then(s), args.get(1).and_then(s)) {
            (Some(sep), Some(x)) if !sep.is_empty() => lst(x.split(sep).map(string).collect()),
            _ => bad(name),
        },
        "lower" | "upper" | "trimspace" | "title" | "chomp" => match args.first().and_then(s) {
            Some(x) => string(match name {
                "lower" => x.to_lowercase(),
                "upper" => x.to_uppercase(),
                "trimspace" => x.trim().to_string(),
                "chomp" => x.trim_end_matches(['\n', '\r']).to_string(),
                _ => x
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            }),
            None => bad(name),
        },
        "replace" => match (
            args.first().and_then(s),
            args.get(1).and_then(s),
            args.get(2).and_then(s),
        ) {
            (Some(_), Some(from), Some(_))
                if from.len() > 1 && from.starts_with('/') && from.ends_with('/') =>
            {
                Val::unknown(Origin::other(
                    OriginKind::Function,
                    "replace (regular expression)",
                ))
            }
            (Some(x), Some(from), Some(to)) if !from.is_empty() => string(x.replace(from, to)),
            _ => bad(name),
        },
        "trimprefix" => match (args.first().and_then(s), args.get(1).and_then(s)) {
            (Some(x), Some(p)) => string(x.strip_prefix(p).unwrap_or(x)),
            _ => bad(name),
        },
        "trimsuffix" => match (args.first().and_then(s), args.get(1).and_then(s)) {
            (Some(x), Some(p)) => string(x.strip_suffix(p).unwrap_or(x)),
            _ => bad(name),
        },
        "trim" => match (args.first().and_then(s), args.get(1).and_then(s)) {
            (Some(x), Some(cs)) => string(x.trim_matches(|c| cs.contains(c))),
            _ => bad(name),
        },
        "startswith" | "endswith" | "strcontains" => {
            match (args.first().and_then(s), args.get(1).and_then(s)) {
                (Some(x), Some(p)) => Val::new(
                    V::Bool(match name {
                        "startswith" => x.starts_with(p),
                        "endswith" => x.ends_with(p),
                        _ => x.contains(p),
                    }),
                    None,
                ),
                _ => bad(name),
            }
        }
        "substr" => match (
            args.first().and_then(s),
            args.get(1).and_then(num),
            args.get(2).and_then(num),
        ) {
            (Some(x), Some(off), Some(len)) => {
                let chars: Vec<char> = x.chars().collect();
                let start = (off.max(0.0) as usize).min(chars.len());
                let end = if len < 0.0 {
                    chars.len()
                } else {
                    (start + len as usize).min(chars.len())
                };
                string(chars[start..end].iter().collect::<String>())
            }
            _ => bad(name),
        },
        "contains" => match args.first().and_then(list) {
            Some(l) => Val::new(
                V::Bool(args.get(1).is_some_and(|x| l.iter().any(|i| i.v == x.v))),
                None,
            ),
            None => bad(name),
        },
        "index" => match args.first().and_then(list) {
            Some(l) => match args.get(1).and_then(|x| l.iter().position(|i| i.v == x.v)) {
                Some(i) => Val::new(V::Num(i as f64), None),
                None => Val::error("index(): element not found"),
            },
            None => bad(name),
        },
        "distinct" => match args.first().and_then(list) {
            Some(l) => lst(dedup(l.clone())),
            None => bad(name),
        },
        "compact" => match args.first().and_then(list) {
            Some(l) => lst(l
                .iter()
                .filter(|v| !v.is_null() && v.as_str() != Some(""))
                .cloned()
                .collect()),
            None => bad(name),
        },
        "sort" => match args.first().and_then(list) {
            Some(l) => {
                let mut l = l.clone();
                l.sort_by_key(|a| a.show());
                lst(l)
            }
            None => bad(name),
        },
        "setunion" => {
            let mut out = Vec::new();
            for a in &args {
                match list(a) {
                    Some(l) => out.extend(l.iter().cloned()),
                    None => return bad(name),
                }
            }
            lst(dedup(out))
        }
        "range" => {
            let n: Vec<f64> = args.iter().filter_map(num).collect();
            let (a, b, st) = match n.as_slice() {
                [b] => (0.0, *b, 1.0),
                [a, b] => (*a, *b, if a <= b { 1.0 } else { -1.0 }),
                [a, b, st] => (*a, *b, *st),
                _ => return bad(name),
            };
            if st == 0.0 {
                return bad(name);
            }
            let mut out = Vec::new();
            let mut x = a;
            while ((st > 0.0 && x < b) || (st < 0.0 && x > b)) && out.len() < 1024 {
                out.push(Val::new(V::Num(x), None));
                x += st;
            }
            lst(out)
        }
        "min" | "max" | "sum" => {
            let mut n: Vec<f64> = args.iter().filter_map(num).collect();
            if name == "sum"
                && let Some(l) = args.first().and_then(list)
            {
                n = l.iter().filter_map(num).collect();
            }
            if n.is_empty() {
                return bad(name);
            }
            Val::new(
                V::Num(match name {
                    "min" => n.iter().cloned().fold(f64::INFINITY, f64::min),
                    "max" => n.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
                    _ => n.iter().sum(),
                }),
                None,
            )
        }
        "abs" | "ceil" | "floor" => match args.first().and_then(num) {
            Some(x) => Val::new(
                V::Num(match name {
                    "abs" => x.abs(),
                    "ceil" => x.ceil(),
                    _ => x.floor(),
                }),
                None,
            ),
            None => bad(name),
        },
        "tostring" => match args.first().map(|a| &a.v) {
            Some(V::Str(_)) | Some(V::Null) => args[0].clone(),
            Some(V::Num(n)) => string(fmt_num(*n)),
            Some(V::Bool(b)) => string(b.to_string()),
            _ => bad(name),
        },
        "tonumber" => match args.first().and_then(num) {
            Some(n) => Val::new(V::Num(n), None),
            None => bad(name),
        },
        "tobool" => match args.first().and_then(Val::as_bool) {
            Some(b) => Val::new(V::Bool(b), None),
            None => bad(name),
        },
        "jsonencode" => match args.first().and_then(Val::to_json) {
            Some(j) => string(serde_json::to_string(&j).unwrap_or_default()),
            None => bad(name),
        },
        "jsondecode" => match args
            .first()
            .and_then(s)
            .map(serde_json::from_str::<serde_json::Value>)
        {
            Some(Ok(j)) => Val::from_json(&j),
            _ => bad(name),
        },
        "file" => match args.first().and_then(s) {
            Some(p) => {
                let path = base_dir.join(p);
                match std::fs::read_to_string(&path) {
                    Ok(t) if t.len() <= 4 << 20 => string(t),
                    _ => Val::unknown(Origin::other(
                        OriginKind::Function,
                        format!("file(\"{p}\")"),
                    )),
                }
            }
            None => bad(name),
        },
        "abspath" | "dirname" | "basename" | "pathexpand" => match args.first().and_then(s) {
            Some(p) => {
                let path = std::path::Path::new(p);
                string(match name {
                    "dirname" => path
                        .parent()
                        .map(|x| x.to_string_lossy().to_string())
                        .unwrap_or_default(),
                    "basename" => path
                        .file_name()
                        .map(|x| x.to_string_lossy().to_string())
                        .unwrap_or_default(),
                    _ => p.to_string(),
                })
            }
            None => bad(name),
        },
        _ => Val::unknown(Origin::other(OriginKind::Function, name)),
    }
}

fn format_parts(f: &str, args: &[Val]) -> Result<Vec<Part>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut it = f.chars().peekable();
    let mut ai = 0;
    while let Some(c) = it.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        // skip flags/width/precision
        let mut spec = String::new();
        while let Some(&n) = it.peek() {
            if n.is_ascii_digit() || "+-# .".contains(n) {
                spec.push(n);
                it.next();
            } else {
                break;
            }
        }
        let Some(verb) = it.next() else {
            return Err("format string ends with %".into());
        };
        if verb == '%' {
            lit.push('%');
            continue;
        }
        let a = args.get(ai).ok_or("not enough arguments")?;
        ai += 1;
        out.push(Part::Lit(std::mem::take(&mut lit)));
        let zero = spec.trim_start_matches(['+', ' ', '#']).starts_with('0');
        let left = spec.contains('-');
        let width: usize = spec
            .split('.')
            .next()
            .unwrap_or("")
            .trim_start_matches(['+', '-', '#', ' ', '0'])
            .parse()
            .unwrap_or(0);
        let pad = |text: String| -> String {
            let n = text.chars().count();
            if n >= width {
                text
            } else if left {
                format!("{text}{}", " ".repeat(width - n))
            } else if zero && verb == 'd' {
                let (sign, digits) = text
                    .strip_prefix('-')
                    .map_or(("", text.as_str()), |d| ("-", d));
                format!("{sign}{}{digits}", "0".repeat(width - n))
            } else {
                format!("{}{text}", " ".repeat(width - n))
            }
        };
        match (verb, &a.v) {
            ('q', V::Str(s)) => out.push(Part::Lit(pad(format!("\"{s}\"")))),
            ('d', V::Num(n)) => out.push(Part::Lit(pad(format!("{}", *n as i64)))),
            ('v' | 's' | 'd' | 'f' | 'q', V::Str(_) | V::Num(_) | V::Bool(_)) => {
                let text = match to_parts(a)?.as_slice() {
                    [Part::Lit(t)] => t.clone(),
                    _ => String::new(),
                };
                out.push(Part::Lit(pad(text)));
            }
            ('v' | 's' | 'd' | 'f' | 'q', _) => out.extend(to_parts(a)?),
            (other, _) => return Err(format!("unsupported verb %{other}")),
        }
    }
    out.push(Part::Lit(lit));
    Ok(out)
}
