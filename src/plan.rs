//! `terraform show -json` plans → model resources (design §1, "Plans").

use crate::diag::Diag;
use crate::load::module::Mode;
use crate::model::Resource;
use crate::source::Span;
use crate::value::{Origin, OriginKind, V, Val};
use serde_json::Value as J;
use std::collections::{BTreeMap, BTreeSet};

/// The `module.NAME[KEY]` segments an address starts with: (name, byte offset where the segment
/// ends). Instance keys may hold dots inside quotes.
fn module_segments(addr: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(r) = addr[pos..].strip_prefix("module.") {
        let name_end = r.find(['.', '[']).unwrap_or(r.len());
        let mut end = pos + "module.".len() + name_end;
        if addr[end..].starts_with('[') {
            let mut in_q = false;
            for (j, c) in addr[end..].char_indices() {
                if c == '"' {
                    in_q = !in_q;
                }
                if c == ']' && !in_q {
                    end += j + 1;
                    break;
                }
            }
        }
        out.push((&r[..name_end], end));
        if !addr[end..].starts_with('.') {
            break;
        }
        pos = end + 1;
    }
    out
}

/// Module path of an address with instance keys removed: `module.a["x"].module.b` → `["a","b"]`.
fn module_names(module_addr: &str) -> Vec<String> {
    module_segments(module_addr)
        .into_iter()
        .map(|(n, _)| n.to_string())
        .collect()
}

/// `module.a["x"].module.b.aws_x.y[0]` → `module.a["x"].module.b`.
fn module_of_address(addr: &str) -> String {
    module_segments(addr)
        .last()
        .map(|(_, end)| addr[..*end].to_string())
        .unwrap_or_default()
}

fn config_module<'a>(root: &'a J, names: &[String]) -> Option<&'a J> {
    let mut m = root;
    for n in names {
        m = m.get("module_calls")?.get(n)?.get("module")?;
    }
    Some(m)
}

/// Parses a reference string of the plan's configuration into an origin (module-qualified).
fn origin_of(reference: &str, prefix: &str) -> Option<Origin> {
    let parts: Vec<&str> = reference.split('.').collect();
    let (res, attr) = match parts.first()? {
        &"var" | &"local" | &"each" | &"count" | &"path" => return None,
        &"data" if parts.len() >= 3 => (
            format!("{prefix}data.{}.{}", parts[1], strip_key(parts[2])),
            parts[3..].join("."),
        ),
        &"module" if parts.len() >= 2 => (
            format!("{prefix}module.{}", strip_key(parts[1])),
            parts[2..].join("."),
        ),
        _ if parts.len() >= 2 => (
            format!("{prefix}{}.{}", parts[0], strip_key(parts[1])),
            parts[2..].join("."),
        ),
        _ => return None,
    };
    Some(Origin {
        res: Some(res),
        attr,
        kind: OriginKind::Computed,
        at: None,
    })
}

fn strip_key(s: &str) -> &str {
    s.split('[').next().unwrap_or(s)
}

/// The configuration root and the module address an expression is in: what `var.x` resolves
/// against (the module call's argument in the parent module).
#[derive(Clone, Copy)]
struct Scope<'a> {
    config: Option<&'a J>,
    module: &'a str,
}

/// References of `var.name` inside `module`: the call argument's references, in the parent
/// module (followed upward while they are variables again).
fn var_refs(sc: Scope, name: &str, out: &mut Vec<Origin>, depth: usize) {
    let names = module_names(sc.module);
    let (Some(config), Some((last, parents))) = (sc.config, names.split_last()) else {
        return;
    };
    if depth > 16 {
        return;
    }
    let parent_addr = parent_module(sc.module);
    let parent_prefix = if parent_addr.is_empty() {
        String::new()
    } else {
        format!("{parent_addr}.")
    };
    let arg = config_module(config, parents)
        .and_then(|m| m.get("module_calls"))
        .and_then(|c| c.get(last))
        .and_then(|c| c.get("expressions"))
        .and_then(|e| e.get(name));
    if let Some(rs) = arg.and_then(|e| e.get("references")).and_then(J::as_array) {
        for s in rs.iter().filter_map(J::as_str) {
            match s.strip_prefix("var.") {
                Some(v) => var_refs(
                    Scope {
                        config: sc.config,
                        module: &parent_addr,
                    },
                    v.split('.').next().unwrap_or(v),
                    out,
                    depth + 1,
                ),
                None => out.extend(origin_of(s, &parent_prefix)),
            }
        }
    }
}

/// `module.a["x"].module.b` → `module.a["x"]`.
fn parent_module(module: &str) -> String {
    match module.rfind(".module.") {
        Some(i) => module[..i].to_string(),
        None => String::new(),
    }
}

/// Origins from a configuration expression's `references` (most specific per resource).
/// Every reference string (`aws_x.y.id`) in a plan expression, nested ones included.
fn reference_strings<'a>(e: &'a J, out: &mut Vec<&'a str>) {
    match e {
        J::Object(m) => {
            if let Some(J::Array(rs)) = m.get("references") {
                out.extend(rs.iter().filter_map(J::as_str));
            }
            m.values().for_each(|v| reference_strings(v, out));
        }
        J::Array(a) => a.iter().for_each(|v| reference_strings(v, out)),
        _ => {}
    }
}

fn refs_to_origins(expr: Option<&J>, prefix: &str, sc: Scope) -> Vec<Origin> {
    let mut o: Vec<Origin> = Vec::new();
    if let Some(rs) = expr.and_then(|e| e.get("references")).and_then(J::as_array) {
        for s in rs.iter().filter_map(J::as_str) {
            if let Some(v) = s.strip_prefix("var.") {
                var_refs(sc, v.split('.').next().unwrap_or(v), &mut o, 0);
            } else if let Some(or) = origin_of(s, prefix) {
                o.push(or);
            }
        }
    }
    let specific: Vec<Origin> = o.iter().filter(|x| !x.attr.is_empty()).cloned().collect();
    let mut res = specific.clone();
    for x in o {
        if x.attr.is_empty() && !specific.iter().any(|s| s.res == x.res) && !res.contains(&x) {
            res.push(x);
        }
    }
    res
}

/// The configuration expression below `e` for `key`; a nested block's expressions are a list of
/// objects, so step into its (first) element.
fn expr_child<'a>(e: Option<&'a J>, key: &str) -> Option<&'a J> {
    match e {
        Some(J::Object(m)) => m.get(key),
        Some(J::Array(a)) => key
            .parse::<usize>()
            .ok()
            .and_then(|i| a.get(i))
            .or_else(|| a.first().and_then(|x| x.get(key))),
        _ => None,
    }
}

/// Overlays unknown markers on a known value. An unknown leaf takes its origins from the
/// configuration expression at the same path (nested blocks included), else from `inherited`.
#[allow(clippy::too_many_arguments)]
fn overlay(
    after: Option<&J>,
    unknown: Option<&J>,
    expr: Option<&J>,
    inherited: &[Origin],
    prefix: &str,
    sc: Scope,
    addr: &str,
    path: &str,
) -> Val {
    match unknown {
        Some(J::Bool(true)) => {
            let own = refs_to_origins(expr, prefix, sc);
            let o = if !own.is_empty() {
                own
            } else if !inherited.is_empty() {
                inherited.to_vec()
            } else {
                vec![Origin::computed(addr, path)]
            };
            Val::new(V::Unknown(o), None)
        }
        Some(J::Object(um)) => {
            let mut m: BTreeMap<String, Val> = match after {
                Some(J::Object(am)) => am
                    .iter()
                    .map(|(k, v)| (k.clone(), Val::from_json(v)))
                    .collect(),
                _ => BTreeMap::new(),
            };
            for (k, u) in um {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let e = expr_child(expr, k);
                m.insert(
                    k.clone(),
                    overlay(
                        after.and_then(|a| a.get(k)),
                        Some(u),
                        e,
                        inherited,
                        prefix,
                        sc,
                        addr,
                        &sub,
                    ),
                );
            }
            Val::new(V::Obj(m), None)
        }
        Some(J::Array(ul)) => {
            let al = after.and_then(J::as_array);
            let n = ul.len().max(al.map_or(0, Vec::len));
            let items = (0..n)
                .map(|i| {
                    let e = match expr {
                        Some(J::Array(a)) => a.get(i).or(a.first()),
                        other => other,
                    };
                    overlay(
                        al.and_then(|a| a.get(i)),
                        ul.get(i),
                        e,
                        inherited,
                        prefix,
                        sc,
                        addr,
                        &format!("{path}.{i}"),
                    )
                })
                .collect();
            Val::new(V::List(items), None)
        }
        _ => after.map(Val::from_json).unwrap_or_else(Val::null),
    }
}

/// The resources of a plan, and an input error for each resource whose shape is wrong (that
/// resource is left out, the others are kept); `Err` when the plan's own structure is wrong.
/// A resource left out of a plan's model: its address and why.
pub type LeftOut = (String, String);

pub fn resources(plan: &J, file: u32) -> Result<(Vec<Resource>, Vec<LeftOut>), Diag> {
    let bad = |m: &str| Diag::at(format!("unexpected plan shape: {m}"), Span::new(file, 0..1));
    let config = plan.get("configuration").and_then(|c| c.get("root_module"));
    let provider_config = plan
        .get("configuration")
        .and_then(|c| c.get("provider_config"));
    let variables = plan.get("variables");
    let mut changes: BTreeMap<String, &J> = BTreeMap::new();
    if let Some(rc) = plan.get("resource_changes") {
        let rc = rc
            .as_array()
            .ok_or_else(|| bad("resource_changes is not a list"))?;
        for c in rc {
            if let Some(a) = c.get("address").and_then(J::as_str) {
                changes.insert(a.to_string(), c);
            }
        }
    }
    // resources from planned_values, then data sources read during plan from prior_state
    let mut raw: BTreeMap<String, &J> = BTreeMap::new();
    fn walk<'a>(m: &'a J, out: &mut BTreeMap<String, &'a J>) -> Result<(), String> {
        if let Some(rs) = m.get("resources") {
            for r in rs.as_array().ok_or("resources is not a list")? {
                let a = r
                    .get("address")
                    .and_then(J::as_str)
                    .ok_or("a resource has no address")?;
                out.entry(a.to_string()).or_insert(r);
            }
        }
        if let Some(cs) = m.get("child_modules") {
            for c in cs.as_array().ok_or("child_modules is not a list")? {
                walk(c, out)?;
            }
        }
        Ok(())
    }
    if let Some(pv) = plan
        .get("planned_values")
        .and_then(|p| p.get("root_module"))
    {
        walk(pv, &mut raw).map_err(|m| bad(&m))?;
    }
    if let Some(ps) = plan
        .get("prior_state")
        .and_then(|p| p.get("values"))
        .and_then(|v| v.get("root_module"))
    {
        walk(ps, &mut raw).map_err(|m| bad(&m))?;
    }
    // resource changes that are not in planned_values (e.g. only the change is given)
    for (a, c) in &changes {
        if !raw.contains_key(a) {
            raw.insert(a.clone(), c);
        }
    }

    let mut out = Vec::new();
    let mut errors = Vec::new();
    // the configuration's resources of each module, by address (a search per plan resource
    // was quadratic)
    let mut cfg_index: BTreeMap<String, std::collections::HashMap<&str, &J>> = BTreeMap::new();
    for (addr, r) in raw {
        let Some(rtype) = r.get("type").and_then(J::as_str) else {
            errors.push((
                addr.clone(),
                format!("unexpected plan shape: {addr} has no type: left out"),
            ));
            continue;
        };
        let wrong = |x: Option<&J>| x.is_some_and(|v| !v.is_object() && !v.is_null());
        if wrong(r.get("values"))
            || wrong(
                changes
                    .get(&addr)
                    .and_then(|c| c.get("change"))
                    .and_then(|c| c.get("after")),
            )
        {
            errors.push((
                addr.clone(),
                format!("unexpected plan shape: the values of {addr} are not an object: left out"),
            ));
            continue;
        }
        let name = r.get("name").and_then(J::as_str).unwrap_or("");
        let mode = if r.get("mode").and_then(J::as_str) == Some("data") {
            Mode::Data
        } else {
            Mode::Managed
        };
        let module = r
            .get("module_address")
            .and_then(J::as_str)
            .map(String::from)
            .or_else(|| {
                changes
                    .get(&addr)
                    .and_then(|c| c.get("module_address"))
                    .and_then(J::as_str)
                    .map(String::from)
            })
            .unwrap_or_else(|| module_of_address(&addr));
        let prefix = if module.is_empty() {
            String::new()
        } else {
            format!("{module}.")
        };
        let local = match mode {
            Mode::Managed => format!("{rtype}.{name}"),
            Mode::Data => format!("data.{rtype}.{name}"),
            Mode::Ephemeral => format!("ephemeral.{rtype}.{name}"),
        };
        let base = format!("{prefix}{local}");
        let cfg = cfg_index
            .entry(module.clone())
            .or_insert_with(|| {
                let mut ix = std::collections::HashMap::new();
                let cfg_module = config.and_then(|c| config_module(c, &module_names(&module)));
                for x in cfg_module
                    .and_then(|m| m.get("resources"))
                    .and_then(J::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(a) = x.get("address").and_then(J::as_str) {
                        ix.entry(a).or_insert(x);
                    }
                }
                ix
            })
            .get(local.as_str())
            .copied();
        let change = changes.get(&addr).and_then(|c| c.get("change"));
        let after = change
            .and_then(|c| c.get("after"))
            .filter(|a| !a.is_null())
            .or_else(|| r.get("values"));
        let after_unknown = change.and_then(|c| c.get("after_unknown"));
        // attributes: known values overlaid with unknown markers; unknown ones take their
        // configuration references as origins so that joins still work before apply
        let mut attrs: BTreeMap<String, Val> = BTreeMap::new();
        // planned values, then the change's after (more complete when both exist)
        for src in [r.get("values"), change.and_then(|c| c.get("after"))] {
            if let Some(J::Object(m)) = src {
                for (k, v) in m {
                    attrs.insert(k.clone(), Val::from_json(v));
                }
            }
        }
        let mut refs = BTreeSet::new();
        let exprs = cfg.and_then(|c| c.get("expressions"));
        let sc = Scope {
            config,
            module: &module,
        };
        let config_origins = |attr: &str| -> Vec<Origin> {
            refs_to_origins(exprs.and_then(|e| e.get(attr)), &prefix, sc)
        };
        if let Some(J::Object(um)) = after_unknown {
            for (k, u) in um {
                let e = exprs.and_then(|x| x.get(k));
                let inherited = config_origins(k);
                attrs.insert(
                    k.clone(),
                    overlay(
                        after.and_then(|a| a.get(k)),
                        Some(u),
                        e,
                        &inherited,
                        &prefix,
                        sc,
                        &addr,
                        k,
                    ),
                );
            }
        }
        // every reference in the expressions, nested blocks included: the resource's dependencies
        fn walk_refs(e: &J, prefix: &str, sc: Scope, out: &mut BTreeSet<String>) {
            match e {
                J::Object(m) => {
                    if m.contains_key("references") {
                        for o in refs_to_origins(Some(e), prefix, sc) {
                            out.extend(o.res);
                        }
                    }
                    m.values().for_each(|v| walk_refs(v, prefix, sc, out));
                }
                J::Array(a) => a.iter().for_each(|v| walk_refs(v, prefix, sc, out)),
                _ => {}
            }
        }
        if let Some(e) = exprs {
            walk_refs(e, &prefix, sc, &mut refs);
        }
        let mut attr_refs = BTreeMap::new();
        let mut attr_id_refs = BTreeMap::new();
        if crate::model::ATTR_REFS_TYPES
            .iter()
            .any(|(t, _)| *t == rtype)
            && let Some(J::Object(m)) = exprs
        {
            for (k, e) in m
                .iter()
                .filter(|(k, _)| crate::model::keeps_attr_refs(rtype, k))
            {
                let mut out = BTreeSet::new();
                walk_refs(e, &prefix, sc, &mut out);
                attr_refs.insert(k.clone(), out);
                // Terraform lists `x.y.id` and `x.y` for a read of `x.y.id`: a resource read
                // only through `.id` has no other attribute suffix
                let mut strs = Vec::new();
                reference_strings(e, &mut strs);
                let mut suffixes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
                for r in &strs {
                    let parts: Vec<&str> = r.split('.').collect();
                    if parts.len() >= 2
                        && !matches!(
                            parts[0],
                            "var" | "local" | "module" | "data" | "each" | "count" | "path"
                        )
                    {
                        let base = format!("{prefix}{}.{}", parts[0], parts[1]);
                        let e = suffixes.entry(base).or_default();
                        if parts.len() > 2 {
                            e.insert(parts[2..].join("."));
                        }
                    }
                }
                let id_only: BTreeSet<String> = suffixes
                    .into_iter()
                    .filter(|(_, sfx)| sfx.len() == 1 && sfx.contains("id"))
                    .map(|(b, _)| b)
                    .collect();
                attr_id_refs.insert(k.clone(), id_only);
            }
        }
        let depends_on: BTreeSet<String> = cfg
            .and_then(|c| c.get("depends_on"))
            .and_then(J::as_array)
            .map(|d| {
                d.iter()
                    .filter_map(J::as_str)
                    .filter_map(|s| origin_of(s, &prefix).and_then(|o| o.res))
                    .collect()
            })
            .unwrap_or_default();
        // region: own argument, else the provider configuration
        let region = match attrs.get("region") {
            Some(v) if !v.is_null() => v.clone(),
            _ => {
                let key = cfg
                    .and_then(|c| c.get("provider_config_key"))
                    .and_then(J::as_str)
                    .unwrap_or("aws");
                let pc = provider_config.and_then(|p| {
                    p.get(key)
                        .or_else(|| key.rsplit(':').next().and_then(|k| p.get(k)))
                });
                let reg = pc
                    .and_then(|p| p.get("expressions"))
                    .and_then(|e| e.get("region"));
                match reg {
                    Some(r) if r.get("constant_value").is_some() => {
                        Val::from_json(&r["constant_value"])
                    }
                    Some(r) => {
                        let var = r.get("references").and_then(J::as_array).and_then(|a| {
                            a.iter()
                                .filter_map(J::as_str)
                                .find(|s| s.starts_with("var."))
                        });
                        match var.and_then(|v| variables?.get(&v[4..])?.get("value")) {
                            Some(v) => Val::from_json(v),
                            None => Val::unknown(Origin::other(
                                OriginKind::Environment,
                                format!("the region of provider {key}"),
                            )),
                        }
                    }
                    None => Val::unknown(Origin::other(
                        OriginKind::Environment,
                        format!("the region of provider {key} (AWS_REGION or the profile decides)"),
                    )),
                }
            }
        };
        crate::computed::add(mode, rtype, &addr, &mut attrs, &region);
        out.push(Resource {
            address: addr.clone(),
            base,
            module,
            mode,
            rtype: rtype.to_string(),
            name: name.to_string(),
            attrs: Val {
                v: V::Obj(attrs),
                at: None,
                res: Some(addr.clone()),
                ty: None,
                within: None,
            },
            spans: BTreeMap::new(),
            span: None,
            region,
            refs,
            depends_on,
            attr_refs,
            attr_id_refs,
            unknown_count: false,
        });
    }
    Ok((out, errors))
}

/// Gives plan resources the locations of their blocks in the configuration the plan was made
/// from (`--source DIR`, or `.tf` files beside the plan).
pub fn attach_source(
    resources: &mut [Resource],
    loaded: &crate::load::Loaded,
    root: &std::path::Path,
) {
    for r in resources.iter_mut() {
        let mut def = loaded.modules.get(root);
        for name in module_names(&r.module) {
            def = def
                .and_then(|d| d.calls.iter().find(|c| c.name == name))
                .and_then(|c| c.dir.as_ref())
                .and_then(|dir| loaded.modules.get(dir));
        }
        let Some(decl) = def.and_then(|d| {
            d.resources
                .iter()
                .find(|x| x.mode == r.mode && x.rtype == r.rtype && x.name == r.name)
        }) else {
            continue;
        };
        r.span = Some(decl.span);
        crate::model::spans::of_body(&mut r.spans, &decl.body, "");
        if let V::Obj(m) = &mut r.attrs.v {
            for a in &decl.body.attrs {
                let Some(v) = m.get_mut(&a.name) else {
                    continue;
                };
                v.at = Some(a.expr.span());
                if let (V::List(items), crate::ast::Expr::Array(exprs, _)) = (&mut v.v, &a.expr)
                    && items.len() == exprs.len()
                {
                    // a plan writes sets sorted: pair elements by their literal value where the
                    // configuration writes one, by position otherwise
                    let literal = |e: &crate::ast::Expr| match e {
                        crate::ast::Expr::Str(s, _) => Some(s.clone()),
                        _ => None,
                    };
                    let mut used = vec![false; exprs.len()];
                    for (i, it) in items.iter_mut().enumerate() {
                        let by_value = it.as_str().and_then(|s| {
                            exprs
                                .iter()
                                .enumerate()
                                .position(|(j, e)| !used[j] && literal(e).as_deref() == Some(s))
                        });
                        let j = match by_value {
                            Some(j) => j,
                            None if !used[i] => i,
                            None => match used.iter().position(|u| !u) {
                                Some(j) => j,
                                None => continue,
                            },
                        };
                        used[j] = true;
                        it.at = Some(exprs[j].span());
                    }
                }
            }
        }
        r.attrs.at = Some(decl.span);
    }
}

/// Plan resources that have no location in a configuration (no `--source`, or a block authwire
/// did not find) point at their `"address"` entry in the plan file, so every finding has a file
/// and a line (code scanning drops results without one).
/// Where each quoted `"address"` value of a plan's text first appears (one pass over the text:
/// a search per resource was quadratic, 10,000 resources took 12 s).
pub fn address_index(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let bytes = text.as_bytes();
    for (i, k) in text.match_indices("\"address\":") {
        let mut s = i + k.len();
        if bytes.get(s) == Some(&b' ') {
            s += 1;
        }
        if bytes.get(s) != Some(&b'"') {
            continue;
        }
        let mut e = s + 1;
        while e < bytes.len() && bytes[e] != b'"' {
            e += if bytes[e] == b'\\' { 2 } else { 1 };
        }
        if let Some(quoted) = text.get(s..=e) {
            at.entry(quoted).or_insert(s);
        }
    }
    at
}

/// The span of `address`'s `"address"` value in a plan's text (`address_index`).
pub fn address_span(
    index: &std::collections::HashMap<&str, usize>,
    address: &str,
    file: u32,
) -> Option<Span> {
    let quoted = serde_json::to_string(address).ok()?;
    let start = *index.get(quoted.as_str())?;
    Some(Span::new(file, start..start + quoted.len()))
}

pub fn locate_in_plan(rs: &mut [Resource], text: &str, file: u32) {
    let index = address_index(text);
    for r in rs.iter_mut().filter(|r| r.span.is_none()) {
        r.span = address_span(&index, &r.address, file);
    }
}
