//! The three-valued evaluator (design §1–2): modules, variables, locals, resources with
//! count/for_each/dynamic expansion, module calls, providers and regions, computed attributes.

pub mod funcs;

use crate::ast::{BinOp, Body, Expr, ObjKey, Op, TPart};
use crate::load::Loaded;
use crate::load::module::{CallDecl, Mode, ModuleDef, ResDecl};
use crate::model::Resource;
use crate::source::{Span, display_path};
use crate::value::{Origin, OriginKind, Part, V, Val, merge_origins};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const MAX_INSTANCES: usize = 10_000;
const MAX_DEPTH: usize = 64;

enum Slot {
    Busy,
    Done(Val),
}

struct Inst<'a> {
    path: String,
    def: &'a ModuleDef,
    vars: RefCell<BTreeMap<String, Val>>,
    /// Provider configuration names visible here (`aws`, `aws.east`) → (instance, index in that
    /// module's provider list).
    providers: RefCell<BTreeMap<String, (usize, usize)>>,
    locals: RefCell<BTreeMap<String, Slot>>,
    resources: RefCell<BTreeMap<String, Slot>>,
    calls: RefCell<BTreeMap<String, Slot>>,
    /// Child instances created for each module call: (call name, instance index).
    children: RefCell<Vec<(String, usize)>>,
    depth: usize,
    /// The calling instance and the module call, for resolving `var.x` dependencies.
    parent: Option<(usize, &'a CallDecl)>,
}

#[derive(Clone)]
struct Scope {
    inst: usize,
    count: Option<Val>,
    each: Option<(Val, Val)>,
    names: Vec<(String, Val)>,
}

impl Scope {
    fn new(inst: usize) -> Scope {
        Scope {
            inst,
            count: None,
            each: None,
            names: Vec::new(),
        }
    }
    fn with(&self, name: &str, v: Val) -> Scope {
        let mut s = self.clone();
        s.names.push((name.to_string(), v));
        s
    }
}

pub struct Evaluator<'a> {
    loaded: &'a Loaded,
    insts: RefCell<Vec<std::rc::Rc<Inst<'a>>>>,
    out: RefCell<Vec<Resource>>,
    regions: RefCell<BTreeMap<(usize, usize), Val>>,
}

fn unknown_from(vals: &[&Val]) -> Val {
    let mut o = Vec::new();
    for v in vals {
        merge_origins(&mut o, &v.origins());
    }
    if o.is_empty() {
        o.push(Origin::other(
            OriginKind::Error,
            "value could not be evaluated",
        ));
    }
    Val::new(V::Unknown(o), None)
}

/// The instances a `for_each` value makes: (key, each.value), or `None` when it is unknown.
fn for_each_pairs(coll: &Val) -> Option<Vec<(String, Val)>> {
    match &coll.v {
        V::Obj(m) => Some(m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        V::List(l) => l
            .iter()
            .map(|v| key_string(v).map(|k| (k, v.clone())))
            .collect(),
        V::Null => Some(vec![]),
        _ => None,
    }
}

fn key_string(v: &Val) -> Option<String> {
    match &v.v {
        V::Str(s) => Some(s.clone()),
        V::Num(n) => Some(crate::value::fmt_num(*n)),
        V::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Evaluates one root module into its resource instances.
pub fn eval_root(loaded: &Loaded, root: &PathBuf) -> Vec<Resource> {
    let Some(def) = loaded.modules.get(root) else {
        return vec![];
    };
    let ev = Evaluator {
        loaded,
        insts: RefCell::new(Vec::new()),
        out: RefCell::new(Vec::new()),
        regions: RefCell::new(BTreeMap::new()),
    };
    let empty = BTreeMap::new();
    let given = loaded.root_vars.get(root).unwrap_or(&empty);
    // instance 0 is created first so that tfvars expressions can be evaluated in its scope
    ev.push_inst(
        String::new(),
        def,
        BTreeMap::new(),
        BTreeMap::new(),
        0,
        None,
    );
    let mut vars = BTreeMap::new();
    for (name, decl) in &def.variables {
        let v = match given.get(name) {
            Some(e) => ev.eval(e, &Scope::new(0)).with_at(e.span()),
            None => ev.default_of(name, decl.default.as_ref(), 0),
        };
        vars.insert(name.clone(), v);
    }
    let providers = own_providers(def, 0);
    ev.set_inst(0, vars, providers);
    ev.sweep(0);
    ev.out.into_inner()
}

fn own_providers(def: &ModuleDef, inst: usize) -> BTreeMap<String, (usize, usize)> {
    let mut m = BTreeMap::new();
    for (i, p) in def.providers.iter().enumerate() {
        let key = match &p.alias {
            Some(a) => format!("{}.{a}", p.name),
            None => p.name.clone(),
        };
        m.insert(key, (inst, i));
    }
    m
}

impl<'a> Evaluator<'a> {
    fn inst(&self, i: usize) -> std::rc::Rc<Inst<'a>> {
        self.insts.borrow()[i].clone()
    }

    fn set_inst(
        &self,
        i: usize,
        vars: BTreeMap<String, Val>,
        providers: BTreeMap<String, (usize, usize)>,
    ) {
        let inst = self.inst(i);
        *inst.vars.borrow_mut() = vars;
        *inst.providers.borrow_mut() = providers;
    }

    fn push_inst(
        &self,
        path: String,
        def: &'a ModuleDef,
        vars: BTreeMap<String, Val>,
        providers: BTreeMap<String, (usize, usize)>,
        depth: usize,
        parent: Option<(usize, &'a CallDecl)>,
    ) -> usize {
        let mut insts = self.insts.borrow_mut();
        insts.push(std::rc::Rc::new(Inst {
            path,
            def,
            vars: RefCell::new(vars),
            providers: RefCell::new(providers),
            locals: RefCell::new(BTreeMap::new()),
            resources: RefCell::new(BTreeMap::new()),
            calls: RefCell::new(BTreeMap::new()),
            children: RefCell::new(Vec::new()),
            depth,
            parent,
        }));
        insts.len() - 1
    }

    fn default_of(&self, name: &str, default: Option<&Expr>, inst: usize) -> Val {
        match default {
            Some(e) => self.eval(e, &Scope::new(inst)).with_at(e.span()),
            None => {
                let path = self.inst(inst).path.clone();
                let n = if path.is_empty() {
                    format!("var.{name}")
                } else {
                    format!("{path}.var.{name}")
                };
                Val::unknown(Origin::other(OriginKind::Variable, n))
            }
        }
    }

    /// Evaluates every resource and module call of an instance, recursively.
    fn sweep(&self, i: usize) {
        let inst = self.inst(i);
        for r in &inst.def.resources {
            self.resource_value(i, r);
        }
        for c in &inst.def.calls {
            self.call_value(i, c);
        }
        let children: Vec<usize> = inst.children.borrow().iter().map(|c| c.1).collect();
        for c in children {
            self.sweep(c);
        }
    }

    fn prefix(&self, inst: usize) -> String {
        let p = self.inst(inst).path.clone();
        if p.is_empty() { p } else { format!("{p}.") }
    }

    // ---------------------------------------------------------------- resources

    fn find_resource(
        &self,
        inst: usize,
        mode: Mode,
        rtype: &str,
        name: &str,
    ) -> Option<&'a ResDecl> {
        let def = self.inst(inst).def;
        def.resources
            .iter()
            .find(|r| r.mode == mode && r.rtype == rtype && r.name == name)
    }

    /// The value of `aws_x.y` (object, list for count, map for for_each).
    fn resource_value(&self, inst: usize, r: &'a ResDecl) -> Val {
        let key = r.local_addr();
        let i = self.inst(inst);
        match i.resources.borrow().get(&key) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => {
                return Val::error(format!("cycle: {key} refers to itself"));
            }
            None => {}
        }
        i.resources.borrow_mut().insert(key.clone(), Slot::Busy);
        let v = self.expand_resource(inst, r);
        i.resources.borrow_mut().insert(key, Slot::Done(v.clone()));
        v
    }

    fn expand_resource(&self, inst: usize, r: &'a ResDecl) -> Val {
        let base = format!("{}{}", self.prefix(inst), r.local_addr());
        let sc = Scope::new(inst);
        if let Some(c) = &r.count {
            let n = self.eval(c, &sc);
            return match &n.v {
                V::Num(x) if *x >= 0.0 && (*x as usize) <= MAX_INSTANCES => {
                    let items = (0..*x as usize)
                        .map(|k| {
                            let mut s = sc.clone();
                            s.count = Some(Val::new(V::Num(k as f64), None));
                            self.instance(inst, r, &base, format!("{base}[{k}]"), &s, false)
                        })
                        .collect();
                    Val::new(V::List(items), None)
                }
                V::Bool(_) | V::Str(_) | V::Null | V::List(_) | V::Obj(_) | V::Num(_) => {
                    Val::error(format!("{base}: count must be a whole number"))
                }
                _ => {
                    let mut s = sc.clone();
                    s.count = Some(unknown_from(&[&n]));
                    self.instance(inst, r, &base, format!("{base}[*]"), &s, true);
                    unknown_from(&[&n])
                }
            };
        }
        if let Some(fe) = &r.for_each {
            let coll = self.eval(fe, &sc);
            let pairs = for_each_pairs(&coll);
            return match pairs {
                Some(p) if p.len() <= MAX_INSTANCES => {
                    let mut m = BTreeMap::new();
                    for (k, v) in p {
                        let mut s = sc.clone();
                        s.each = Some((Val::str(k.clone()), v));
                        let addr = format!("{base}[\"{k}\"]");
                        m.insert(k, self.instance(inst, r, &base, addr, &s, false));
                    }
                    Val::new(V::Obj(m), None)
                }
                _ => {
                    let mut s = sc.clone();
                    let u = unknown_from(&[&coll]);
                    s.each = Some((u.clone(), u.clone()));
                    self.instance(inst, r, &base, format!("{base}[*]"), &s, true);
                    u
                }
            };
        }
        self.instance(inst, r, &base, base.clone(), &sc, false)
    }

    fn instance(
        &self,
        inst: usize,
        r: &'a ResDecl,
        base: &str,
        addr: String,
        sc: &Scope,
        unknown_count: bool,
    ) -> Val {
        let mut spans = BTreeMap::new();
        let mut attrs = self.eval_body(&r.body, sc, "", &mut spans, &addr);
        let region = match attrs.get("region") {
            Some(v) if !v.is_null() => v.clone(),
            _ => self.provider_region(inst, r),
        };
        crate::computed::add(r.mode, &r.rtype, &addr, &mut attrs, &region);
        let prefix = self.prefix(inst);
        let res = Resource {
            address: addr.clone(),
            base: base.to_string(),
            module: self.inst(inst).path.clone(),
            mode: r.mode,
            rtype: r.rtype.clone(),
            name: r.name.clone(),
            attrs: Val {
                v: V::Obj(attrs),
                at: Some(r.span),
                res: Some(addr.clone()),
            },
            spans,
            span: Some(r.span),
            region,
            refs: {
                let mut deps = BTreeSet::new();
                self.deps_of(inst, &r.refs, &mut deps, 0);
                for e in [&r.count, &r.for_each].into_iter().flatten() {
                    let mut p = Vec::new();
                    e.references(&mut p);
                    self.deps_of(inst, &p, &mut deps, 0);
                }
                deps
            },
            depends_on: r
                .depends_on
                .iter()
                .map(|x| format!("{prefix}{x}"))
                .collect(),
            unknown_count,
        };
        let v = res.attrs.clone();
        self.out.borrow_mut().push(res);
        v
    }

    /// Resource dependencies (full base addresses, or `module.x` prefixes) of reference paths,
    /// followed through locals, module inputs (`var.x` → the caller's argument) and outputs.
    fn deps_of(&self, inst: usize, refs: &[Vec<String>], out: &mut BTreeSet<String>, depth: usize) {
        if depth > 32 {
            return;
        }
        let i = self.inst(inst);
        let prefix = self.prefix(inst);
        for path in refs {
            match path.first().map(String::as_str) {
                Some("local") => {
                    if let Some(a) = path.get(1).and_then(|n| i.def.locals.get(n)) {
                        let mut p = Vec::new();
                        a.expr.references(&mut p);
                        self.deps_of(inst, &p, out, depth + 1);
                    }
                }
                Some("var") => {
                    if let (Some(n), Some((pi, call))) = (path.get(1), i.parent) {
                        let mut p = Vec::new();
                        if let Some(a) = call.body.attr(n) {
                            a.expr.references(&mut p);
                        }
                        for e in [&call.count, &call.for_each].into_iter().flatten() {
                            e.references(&mut p);
                        }
                        self.deps_of(pi, &p, out, depth + 1);
                    }
                }
                Some("module") => {
                    let Some(name) = path.get(1) else { continue };
                    let children: Vec<usize> = i
                        .children
                        .borrow()
                        .iter()
                        .filter(|c| &c.0 == name)
                        .map(|c| c.1)
                        .collect();
                    match path.get(2) {
                        Some(output) if !children.is_empty() => {
                            for c in children {
                                if let Some(a) = self.inst(c).def.outputs.get(output) {
                                    let mut p = Vec::new();
                                    a.expr.references(&mut p);
                                    self.deps_of(c, &p, out, depth + 1);
                                }
                            }
                        }
                        _ => {
                            out.insert(format!("{prefix}module.{name}"));
                        }
                    }
                }
                _ => {
                    if let Some(r) = crate::load::module::ref_to_resource(path) {
                        out.insert(format!("{prefix}{r}"));
                    }
                }
            }
        }
    }

    fn provider_region(&self, inst: usize, r: &ResDecl) -> Val {
        let key = r
            .provider
            .clone()
            .unwrap_or_else(|| r.rtype.split('_').next().unwrap_or("aws").to_string());
        let i = self.inst(inst);
        let found = i.providers.borrow().get(&key).copied();
        let Some((pi, pidx)) = found else {
            return Val::unknown(Origin::other(
                OriginKind::Environment,
                format!(
                    "the region of provider {key} (no provider block sets it; AWS_REGION or the profile decides)"
                ),
            ));
        };
        if let Some(v) = self.regions.borrow().get(&(pi, pidx)) {
            return v.clone();
        }
        let def = self.inst(pi).def;
        let v = match def.providers[pidx].body.attr("region") {
            Some(a) => self.eval(&a.expr, &Scope::new(pi)).with_at(a.span),
            None => Val::unknown(Origin::other(
                OriginKind::Environment,
                format!("the region of provider {key} (AWS_REGION or the profile decides)"),
            )),
        };
        self.regions.borrow_mut().insert((pi, pidx), v.clone());
        v
    }

    /// Attributes and nested blocks of a body. Blocks become lists of objects.
    fn eval_body(
        &self,
        body: &Body,
        sc: &Scope,
        prefix: &str,
        spans: &mut BTreeMap<String, Span>,
        addr: &str,
    ) -> BTreeMap<String, Val> {
        let mut out = BTreeMap::new();
        for a in &body.attrs {
            let v = self.eval(&a.expr, sc).with_at(a.expr.span());
            spans.insert(format!("{prefix}{}", a.name), a.span);
            out.insert(a.name.clone(), v);
        }
        let mut lists: BTreeMap<String, Vec<Val>> = BTreeMap::new();
        let mut unknown_blocks: BTreeMap<String, Val> = BTreeMap::new();
        for b in &body.blocks {
            if b.kind == "dynamic" {
                let Some(label) = b.labels.first() else {
                    continue;
                };
                let iter_name = b
                    .body
                    .attr("iterator")
                    .and_then(|a| crate::load::module::traversal_name(&a.expr))
                    .unwrap_or_else(|| label.clone());
                let coll = b
                    .body
                    .attr("for_each")
                    .map(|a| self.eval(&a.expr, sc))
                    .unwrap_or_else(Val::null);
                let Some(content) = b.body.blocks_of("content").next() else {
                    continue;
                };
                let pairs: Option<Vec<(Val, Val)>> = match &coll.v {
                    V::List(l) => Some(
                        l.iter()
                            .enumerate()
                            .map(|(i, v)| (Val::new(V::Num(i as f64), None), v.clone()))
                            .collect(),
                    ),
                    V::Obj(m) => Some(
                        m.iter()
                            .map(|(k, v)| (Val::str(k.clone()), v.clone()))
                            .collect(),
                    ),
                    V::Null => Some(vec![]),
                    _ => None,
                };
                match pairs {
                    Some(pairs) => {
                        for (k, v) in pairs {
                            let mut it = BTreeMap::new();
                            it.insert("key".to_string(), k);
                            it.insert("value".to_string(), v);
                            let s2 = sc.with(&iter_name, Val::new(V::Obj(it), None));
                            let list = lists.entry(label.clone()).or_default();
                            let p = format!("{prefix}{label}.{}.", list.len());
                            spans.insert(format!("{prefix}{label}.{}", list.len()), b.span);
                            let obj = self.eval_body(&content.body, &s2, &p, spans, addr);
                            list.push(Val {
                                v: V::Obj(obj),
                                at: Some(b.span),
                                res: Some(addr.to_string()),
                            });
                        }
                    }
                    None => {
                        unknown_blocks
                            .insert(label.clone(), unknown_from(&[&coll]).with_at(b.span));
                        spans.insert(format!("{prefix}{label}"), b.span);
                    }
                }
                continue;
            }
            let list = lists.entry(b.kind.clone()).or_default();
            let p = format!("{prefix}{}.{}.", b.kind, list.len());
            spans.insert(format!("{prefix}{}.{}", b.kind, list.len()), b.span);
            spans.entry(format!("{prefix}{}", b.kind)).or_insert(b.span);
            let obj = self.eval_body(&b.body, sc, &p, spans, addr);
            list.push(Val {
                v: V::Obj(obj),
                at: Some(b.span),
                res: Some(addr.to_string()),
            });
        }
        for (k, l) in lists {
            out.insert(k, Val::new(V::List(l), None));
        }
        for (k, u) in unknown_blocks {
            out.insert(k, u);
        }
        out
    }

    // ---------------------------------------------------------------- modules

    /// The value of `module.x`: an object of outputs (list for count, map for for_each).
    fn call_value(&self, inst: usize, c: &'a CallDecl) -> Val {
        let i = self.inst(inst);
        match i.calls.borrow().get(&c.name) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => return Val::error(format!("cycle through module.{}", c.name)),
            None => {}
        }
        i.calls.borrow_mut().insert(c.name.clone(), Slot::Busy);
        let v = self.expand_call(inst, c);
        i.calls
            .borrow_mut()
            .insert(c.name.clone(), Slot::Done(v.clone()));
        v
    }

    fn expand_call(&self, inst: usize, c: &'a CallDecl) -> Val {
        let parent = self.inst(inst);
        let base = format!("{}module.{}", self.prefix(inst), c.name);
        let Some(def) = c.dir.as_ref().and_then(|d| self.loaded.modules.get(d)) else {
            return Val::unknown(Origin::other(
                OriginKind::Error,
                format!(
                    "{base}: source {} is not a local module authwire can read",
                    c.source
                ),
            ));
        };
        if parent.depth >= MAX_DEPTH {
            return Val::error(format!(
                "{base}: modules nested too deeply (recursive module calls?)"
            ));
        }
        let sc = Scope::new(inst);
        if let Some(cnt) = &c.count {
            let n = self.eval(cnt, &sc);
            if let V::Num(x) = n.v
                && x >= 0.0
                && (x as usize) <= MAX_INSTANCES
            {
                let items = (0..x as usize)
                    .map(|k| {
                        let mut s = sc.clone();
                        s.count = Some(Val::new(V::Num(k as f64), None));
                        self.module_instance(inst, c, def, format!("{base}[{k}]"), &s)
                    })
                    .collect();
                return Val::new(V::List(items), None);
            }
            let mut s = sc.clone();
            s.count = Some(unknown_from(&[&n]));
            self.module_instance(inst, c, def, format!("{base}[*]"), &s);
            return unknown_from(&[&n]);
        }
        if let Some(fe) = &c.for_each {
            let coll = self.eval(fe, &sc);
            let pairs = for_each_pairs(&coll);
            if let Some(p) = pairs {
                let mut m = BTreeMap::new();
                for (k, v) in p.into_iter().take(MAX_INSTANCES) {
                    let mut s = sc.clone();
                    s.each = Some((Val::str(k.clone()), v));
                    m.insert(
                        k.clone(),
                        self.module_instance(inst, c, def, format!("{base}[\"{k}\"]"), &s),
                    );
                }
                return Val::new(V::Obj(m), None);
            }
            let mut s = sc.clone();
            let u = unknown_from(&[&coll]);
            s.each = Some((u.clone(), u.clone()));
            self.module_instance(inst, c, def, format!("{base}[*]"), &s);
            return u;
        }
        self.module_instance(inst, c, def, base, &sc)
    }

    fn module_instance(
        &self,
        parent: usize,
        c: &'a CallDecl,
        def: &'a ModuleDef,
        path: String,
        sc: &Scope,
    ) -> Val {
        let pinst = self.inst(parent);
        // providers: defaults are inherited, `providers = {}` maps explicitly, own blocks win
        let pprov = pinst.providers.borrow().clone();
        let mut providers: BTreeMap<String, (usize, usize)> = pprov
            .iter()
            .filter(|(k, _)| !k.contains('.'))
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        for (child, parent_name) in &c.providers {
            if let Some(p) = pprov.get(parent_name) {
                providers.insert(child.clone(), *p);
            }
        }
        let idx = self.push_inst(
            path.clone(),
            def,
            BTreeMap::new(),
            BTreeMap::new(),
            pinst.depth + 1,
            Some((parent, c)),
        );
        for (k, v) in own_providers(def, idx) {
            providers.insert(k, v);
        }
        let mut vars = BTreeMap::new();
        for (name, decl) in &def.variables {
            let v = match c.body.attr(name) {
                Some(a) => self.eval(&a.expr, sc).with_at(a.expr.span()),
                None => self.default_of(name, decl.default.as_ref(), idx),
            };
            vars.insert(name.clone(), v);
        }
        self.set_inst(idx, vars, providers);
        pinst.children.borrow_mut().push((c.name.clone(), idx));
        let mut outs = BTreeMap::new();
        for (name, a) in &def.outputs {
            outs.insert(
                name.clone(),
                self.eval(&a.expr, &Scope::new(idx)).with_at(a.expr.span()),
            );
        }
        Val::new(V::Obj(outs), None)
    }

    // ---------------------------------------------------------------- expressions

    fn local(&self, inst: usize, name: &str) -> Val {
        let i = self.inst(inst);
        match i.locals.borrow().get(name) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => return Val::error(format!("cycle: local.{name} refers to itself")),
            None => {}
        }
        let Some(a) = i.def.locals.get(name) else {
            return Val::error(format!("local.{name} is not declared"));
        };
        i.locals.borrow_mut().insert(name.to_string(), Slot::Busy);
        let v = self.eval(&a.expr, &Scope::new(inst)).with_at(a.expr.span());
        i.locals
            .borrow_mut()
            .insert(name.to_string(), Slot::Done(v.clone()));
        v
    }

    /// Resolves the head of a reference and returns (value, number of operators consumed).
    fn reference(&self, name: &str, ops: &[Op], sc: &Scope) -> (Val, usize) {
        if let Some((_, v)) = sc.names.iter().rev().find(|(n, _)| n == name) {
            return (v.clone(), 0);
        }
        let attr = |i: usize| match ops.get(i) {
            Some(Op::Attr(a)) => Some(a.as_str()),
            _ => None,
        };
        let inst = self.inst(sc.inst);
        match name {
            "var" => match attr(0) {
                Some(n) => (
                    inst.vars
                        .borrow()
                        .get(n)
                        .cloned()
                        .unwrap_or_else(|| Val::error(format!("var.{n} is not declared"))),
                    1,
                ),
                None => (Val::error("var needs an attribute"), 0),
            },
            "local" => match attr(0) {
                Some(n) => (self.local(sc.inst, n), 1),
                None => (Val::error("local needs an attribute"), 0),
            },
            "count" => (
                sc.count
                    .clone()
                    .unwrap_or_else(|| Val::error("count.index used outside a counted block")),
                1,
            ),
            "each" => match (&sc.each, attr(0)) {
                (Some((k, _)), Some("key")) => (k.clone(), 1),
                (Some((_, v)), Some("value")) => (v.clone(), 1),
                _ => (Val::error("each used outside a for_each block"), 1),
            },
            "path" => {
                let dir = match attr(0) {
                    Some("root") | Some("cwd") => ".".to_string(),
                    _ => display_path(&inst.def.dir),
                };
                (Val::str(dir), 1)
            }
            "terraform" => (Val::str("default"), 1),
            "self" => (Val::unknown(Origin::other(OriginKind::Computed, "self")), 0),
            "module" => match attr(0) {
                Some(n) => match inst.def.calls.iter().find(|c| c.name == n) {
                    Some(c) => (self.call_value(sc.inst, c), 1),
                    None => (Val::error(format!("module.{n} is not declared")), 1),
                },
                None => (Val::error("module needs a name"), 0),
            },
            "data" => match (attr(0), attr(1)) {
                (Some(t), Some(n)) => match self.find_resource(sc.inst, Mode::Data, t, n) {
                    Some(r) => (self.resource_value(sc.inst, r), 2),
                    None => (
                        Val::unknown(Origin {
                            res: Some(format!("{}data.{t}.{n}", self.prefix(sc.inst))),
                            attr: String::new(),
                            kind: OriginKind::Data,
                        }),
                        2,
                    ),
                },
                _ => (Val::error("data needs a type and a name"), 0),
            },
            t => match attr(0) {
                Some(n) => match self.find_resource(sc.inst, Mode::Managed, t, n) {
                    Some(r) => (self.resource_value(sc.inst, r), 1),
                    None => (Val::error(format!("{t}.{n} is not declared")), 1),
                },
                None => (Val::error(format!("unknown name {t}")), 0),
            },
        }
    }

    fn get_attr(&self, v: &Val, a: &str) -> Val {
        match &v.v {
            V::Obj(m) => match m.get(a) {
                Some(x) => x.clone(),
                None => match &v.res {
                    Some(addr) => {
                        let data = addr.starts_with("data.") || addr.contains(".data.");
                        Val::unknown(Origin {
                            res: Some(addr.clone()),
                            attr: a.to_string(),
                            kind: if data {
                                OriginKind::Data
                            } else {
                                OriginKind::Computed
                            },
                        })
                    }
                    None => Val::error(format!("object has no attribute \"{a}\"")),
                },
            },
            V::Unknown(o) => {
                // keep the origin precise: `aws_x.y` unknown → `aws_x.y.attr`
                let o = o
                    .iter()
                    .map(|o| {
                        let mut o = o.clone();
                        if o.res.is_some() && o.attr.is_empty() {
                            o.attr = a.to_string();
                        }
                        o
                    })
                    .collect();
                Val::new(V::Unknown(o), None)
            }
            V::List(l) if l.len() == 1 => self.get_attr(&l[0], a),
            V::Null => Val::error(format!("attribute \"{a}\" of a null value")),
            _ => Val::error(format!(
                "attribute \"{a}\" of a value that is not an object"
            )),
        }
    }

    fn index(&self, v: &Val, k: &Val) -> Val {
        if k.is_unknown() {
            return unknown_from(&[v, k]);
        }
        match (&v.v, &k.v) {
            (V::List(l), _) => match k
                .as_str()
                .and_then(|s| s.parse::<f64>().ok())
                .or(match k.v {
                    V::Num(n) => Some(n),
                    _ => None,
                }) {
                Some(n) if n >= 0.0 && (n as usize) < l.len() => l[n as usize].clone(),
                _ => Val::error(format!("index {} out of range", k.show())),
            },
            (V::Obj(_), _) => match key_string(k) {
                Some(s) => self.get_attr(v, &s),
                None => Val::error("invalid key"),
            },
            (V::Unknown(_), _) | (V::Template(_), _) => unknown_from(&[v]),
            _ => Val::error("cannot index this value"),
        }
    }

    fn apply_ops(&self, mut v: Val, ops: &[Op], sc: &Scope) -> Val {
        for (i, op) in ops.iter().enumerate() {
            v = match op {
                Op::Attr(a) => self.get_attr(&v, a),
                Op::Index(e) => {
                    let k = self.eval(e, sc);
                    self.index(&v, &k)
                }
                Op::Splat => {
                    let rest = &ops[i + 1..];
                    return match &v.v {
                        V::List(l) => Val::new(
                            V::List(
                                l.iter()
                                    .map(|x| self.apply_ops(x.clone(), rest, sc))
                                    .collect(),
                            ),
                            None,
                        ),
                        V::Null => Val::new(V::List(vec![]), None),
                        V::Unknown(_) => self.apply_ops(v.clone(), rest, sc),
                        _ => Val::new(V::List(vec![self.apply_ops(v.clone(), rest, sc)]), None),
                    };
                }
            };
        }
        v
    }

    fn eval(&self, e: &Expr, sc: &Scope) -> Val {
        let at = Some(e.span());
        match e {
            Expr::Null(_) => Val::new(V::Null, at),
            Expr::Bool(b, _) => Val::new(V::Bool(*b), at),
            Expr::Num(n, _) => Val::new(V::Num(*n), at),
            Expr::Str(s, _) => Val::new(V::Str(s.clone()), at),
            Expr::Template(parts, _) => {
                // a template that is only one interpolation yields the value itself
                if let [TPart::Interp(inner)] = parts.as_slice() {
                    return self.eval(inner, sc).with_at(e.span());
                }
                match self.template(parts, sc) {
                    Ok(p) => Val::new(funcs::from_parts(p), at),
                    Err(v) => v,
                }
            }
            Expr::Array(items, _) => Val::new(
                V::List(items.iter().map(|i| self.eval(i, sc)).collect()),
                at,
            ),
            Expr::Object(items, _) => {
                let mut m = BTreeMap::new();
                for (k, v) in items {
                    let key = match k {
                        ObjKey::Name(n) => n.clone(),
                        ObjKey::Expr(ke) => match key_string(&self.eval(ke, sc)) {
                            Some(s) => s,
                            None => return unknown_from(&[&self.eval(ke, sc)]),
                        },
                    };
                    m.insert(key, self.eval(v, sc));
                }
                Val::new(V::Obj(m), at)
            }
            Expr::Var(n, _) => self.reference(n, &[], sc).0.with_at(e.span()),
            Expr::Traversal(base, ops, _) => {
                let (v, used) = match &**base {
                    Expr::Var(n, _) => self.reference(n, ops, sc),
                    other => (self.eval(other, sc), 0),
                };
                let mut r = self.apply_ops(v, &ops[used.min(ops.len())..], sc);
                if r.at.is_none() || matches!(&**base, Expr::Var(..)) && used == 0 {
                    r.at = at;
                }
                r
            }
            Expr::Call(name, args, expand, _) => {
                let mut vals: Vec<Val> = args.iter().map(|a| self.eval(a, sc)).collect();
                if *expand && let Some(last) = vals.pop() {
                    match last.v {
                        V::List(l) => vals.extend(l),
                        _ => return unknown_from(&[&last]),
                    }
                }
                let dir = self.inst(sc.inst).def.dir.clone();
                let mut v = funcs::call(name, vals, &dir);
                v.at = at;
                v
            }
            Expr::Cond(c, a, b, _) => {
                let cv = self.eval(c, sc);
                match cv.as_bool() {
                    Some(true) => self.eval(a, sc),
                    Some(false) => self.eval(b, sc),
                    None => unknown_from(&[&cv]),
                }
            }
            Expr::Not(x, _) => {
                let v = self.eval(x, sc);
                match v.as_bool() {
                    Some(b) => Val::new(V::Bool(!b), at),
                    None => unknown_from(&[&v]),
                }
            }
            Expr::Neg(x, _) => {
                let v = self.eval(x, sc);
                match v.v {
                    V::Num(n) => Val::new(V::Num(-n), at),
                    _ => unknown_from(&[&v]),
                }
            }
            Expr::Binary(op, a, b, _) => {
                let (x, y) = (self.eval(a, sc), self.eval(b, sc));
                binary(*op, &x, &y)
                    .map(|v| Val::new(v, at))
                    .unwrap_or_else(|| unknown_from(&[&x, &y]))
            }
            Expr::For(f, _) => self.for_expr(f, sc).with_at(e.span()),
        }
    }

    fn template(&self, parts: &[TPart], sc: &Scope) -> Result<Vec<Part>, Val> {
        let mut out = Vec::new();
        for p in parts {
            match p {
                TPart::Lit(s) => out.push(Part::Lit(s.clone())),
                TPart::Interp(e) => {
                    let v = self.eval(e, sc);
                    match funcs::to_parts(&v) {
                        Ok(p) => out.extend(p),
                        Err(m) => return Err(Val::error(m)),
                    }
                }
                TPart::If(c, a, b) => {
                    let cv = self.eval(c, sc);
                    match cv.as_bool() {
                        Some(true) => out.extend(self.template(a, sc)?),
                        Some(false) => out.extend(self.template(b, sc)?),
                        None => out.push(Part::Unknown(cv.origins())),
                    }
                }
                TPart::For(k, v, coll, body) => {
                    let c = self.eval(coll, sc);
                    match pairs_of(&c) {
                        Some(pairs) => {
                            for (kv, vv) in pairs {
                                let mut s2 = sc.with(v, vv);
                                if let Some(k) = k {
                                    s2 = s2.with(k, kv);
                                }
                                out.extend(self.template(body, &s2)?);
                            }
                        }
                        None => out.push(Part::Unknown(c.origins())),
                    }
                }
            }
        }
        Ok(out)
    }

    fn for_expr(&self, f: &crate::ast::ForExpr, sc: &Scope) -> Val {
        let coll = self.eval(&f.coll, sc);
        let Some(pairs) = pairs_of(&coll) else {
            return unknown_from(&[&coll]);
        };
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Val> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Val>> = BTreeMap::new();
        for (k, v) in pairs {
            let mut s2 = sc.with(&f.val_var, v);
            if let Some(kv) = &f.key_var {
                s2 = s2.with(kv, k);
            }
            if let Some(c) = &f.cond {
                let cv = self.eval(c, &s2);
                match cv.as_bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => return unknown_from(&[&cv]),
                }
            }
            let val = self.eval(&f.val_expr, &s2);
            match &f.key_expr {
                None => list.push(val),
                Some(ke) => {
                    let kv = self.eval(ke, &s2);
                    let Some(ks) = key_string(&kv) else {
                        return unknown_from(&[&kv]);
                    };
                    if f.grouping {
                        groups.entry(ks).or_default().push(val);
                    } else {
                        map.insert(ks, val);
                    }
                }
            }
        }
        if f.key_expr.is_none() {
            Val::new(V::List(list), None)
        } else if f.grouping {
            Val::new(
                V::Obj(
                    groups
                        .into_iter()
                        .map(|(k, v)| (k, Val::new(V::List(v), None)))
                        .collect(),
                ),
                None,
            )
        } else {
            Val::new(V::Obj(map), None)
        }
    }
}

fn pairs_of(c: &Val) -> Option<Vec<(Val, Val)>> {
    match &c.v {
        V::List(l) => Some(
            l.iter()
                .enumerate()
                .map(|(i, v)| (Val::new(V::Num(i as f64), None), v.clone()))
                .collect(),
        ),
        V::Obj(m) => Some(
            m.iter()
                .filter(|(k, _)| !k.is_empty())
                .map(|(k, v)| (Val::str(k.clone()), v.clone()))
                .collect(),
        ),
        V::Null => Some(vec![]),
        _ => None,
    }
}

fn binary(op: BinOp, x: &Val, y: &Val) -> Option<V> {
    if x.has_unknown() || y.has_unknown() {
        return None;
    }
    let num = |v: &Val| match &v.v {
        V::Num(n) => Some(*n),
        V::Str(s) => s.parse::<f64>().ok(),
        _ => None,
    };
    Some(match op {
        BinOp::Eq => V::Bool(x.v == y.v),
        BinOp::Ne => V::Bool(x.v != y.v),
        BinOp::And => V::Bool(x.as_bool()? && y.as_bool()?),
        BinOp::Or => V::Bool(x.as_bool()? || y.as_bool()?),
        _ => {
            let (a, b) = (num(x)?, num(y)?);
            match op {
                BinOp::Add => V::Num(a + b),
                BinOp::Sub => V::Num(a - b),
                BinOp::Mul => V::Num(a * b),
                BinOp::Div if b != 0.0 => V::Num(a / b),
                BinOp::Mod if b != 0.0 => V::Num(a % b),
                BinOp::Lt => V::Bool(a < b),
                BinOp::Le => V::Bool(a <= b),
                BinOp::Gt => V::Bool(a > b),
                BinOp::Ge => V::Bool(a >= b),
                _ => return None,
            }
        }
    })
}
