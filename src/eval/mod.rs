//! The three-valued evaluator (design §1–2), Terraform-faithful: typed variables with
//! `optional()` defaults, cty equality and conversions, per-object evaluation (module variables
//! and outputs are separate nodes, as in Terraform's graph), count/for_each/dynamic expansion,
//! module calls (local, and registry/git ones from `.terraform/modules/modules.json`), providers
//! and regions, computed attributes. Errors Terraform would report are located diagnostics.

pub mod funcs;
pub mod types;

use crate::ast::{BinOp, Body, Expr, ObjKey, Op, TPart};
use crate::diag::Diag;
use crate::load::Loaded;
use crate::load::module::{CallDecl, Mode, ModuleDef, ResDecl};
use crate::model::Resource;
use crate::source::Span;
use crate::value::{Origin, OriginKind, Part, Ty, V, Val, merge_origins};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use types::Con;

/// The most instances one `count`, `for_each`, `dynamic` block or `range()` may make; more is a
/// located error (never a silent truncation).
pub const EXPANSION_LIMIT: usize = 10_000;
const MAX_DEPTH: usize = 64;

/// authwire's evaluation budget for one root module (issue 13 §3): expressions evaluated …
pub const MAX_STEPS: u64 = 20_000_000;
/// … and elements made (each `for` iteration, each value a reference or function hands out,
/// counted deep, strings by 64 bytes, each resource, module or `dynamic` instance as 8). A
/// runaway input (nested `for` over thousands, modules fanning out ten times per level) ends
/// in a located input error within seconds and a bounded amount of memory; the root's other
/// values are still evaluated and linted (`Evaluator::recover`).
pub const MAX_ELEMENTS: u64 = 4_000_000;
/// … and resource, data and module instances (a root of 100,000 resources is within it).
pub const MAX_INSTANCES: u64 = 150_000;

enum Slot {
    Busy,
    /// Shared: a reference reads one attribute without copying the whole value.
    Done(Rc<Val>),
}

/// The instances a module call made.
#[derive(Clone)]
enum Insts {
    One(usize),
    List(Vec<usize>),
    Map(Vec<(String, usize)>),
    /// count/for_each unknown: one instance stands for all of them.
    Unknown(Val, usize),
    /// Not evaluated: the value explains why (module not downloaded, error).
    Missing(Val),
}

struct Inst<'a> {
    path: String,
    /// The module's key in `.terraform/modules/modules.json` (`api`, `api.acm`).
    key_path: String,
    def: &'a ModuleDef,
    /// `path.module`: the module directory relative to the root module.
    rel_dir: String,
    /// The calling instance, the call, and the scope its arguments are evaluated in.
    parent: Option<(usize, &'a CallDecl, Scope)>,
    vars: RefCell<HashMap<String, Slot>>,
    locals: RefCell<HashMap<String, Slot>>,
    outputs: RefCell<HashMap<String, Slot>>,
    resources: RefCell<HashMap<usize, Slot>>,
    calls: RefCell<HashMap<String, Option<Insts>>>,
    providers: RefCell<BTreeMap<String, (usize, usize)>>,
    children: RefCell<Vec<(String, usize)>>,
    depth: usize,
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

/// A module call whose source authwire could not read (registry or git module without
/// `terraform init`).
#[derive(Clone, Debug)]
pub struct MissingModule {
    /// Full address of the call (`module.api`).
    pub address: String,
    pub source: String,
    pub span: Span,
    /// Its arguments mention API Gateway, Cognito, ACM or Route 53 (or its source does).
    pub relevant: bool,
}

/// What evaluating one root gives.
pub struct Evaluated {
    pub resources: Vec<Resource>,
    pub diags: Vec<Diag>,
    pub missing_modules: Vec<MissingModule>,
    /// What file() and filebase64() read: (the call as written, the text it returned).
    pub file_reads: Vec<(String, String)>,
}

struct Pending<'a> {
    inst: usize,
    decl: &'a ResDecl,
    res: Resource,
    /// The resource's index in its module, and where its attributes are: in `res`, or (not to
    /// hold two copies of every resource) in the module instance's value of the resource.
    k: usize,
    place: Place,
}

/// Where a resource instance's attributes are kept until `finish`.
#[derive(Clone)]
enum Place {
    /// In the pending resource itself (an instance standing for an unknown number of them).
    Own,
    /// The value of the resource block (no count or for_each) …
    Whole,
    /// … element `n` of it (count) …
    Index(usize),
    /// … or its element `key` (for_each).
    Key(String),
}

type ConCache = HashMap<(usize, String), Option<Rc<Con>>>;
type DepMemo = HashMap<(usize, String), Rc<BTreeSet<String>>>;

pub struct Evaluator<'a> {
    loaded: &'a Loaded,
    /// Lint: root variables left at an empty-string default are unknown placeholders.
    placeholders: bool,
    root: PathBuf,
    insts: RefCell<Vec<Rc<Inst<'a>>>>,
    out: RefCell<Vec<Pending<'a>>>,
    regions: RefCell<HashMap<(usize, usize), Val>>,
    cons: RefCell<ConCache>,
    diags: RefCell<Vec<Diag>>,
    seen: RefCell<HashSet<(Span, String)>>,
    missing: RefCell<Vec<MissingModule>>,
    dep_memo: RefCell<DepMemo>,
    /// `terraform.workspace` (or the error an invalid `TF_WORKSPACE` gives).
    workspace: Val,
    /// The budget spent so far: expressions evaluated, elements made (`MAX_STEPS`,
    /// `MAX_ELEMENTS`) …
    steps: std::cell::Cell<u64>,
    elements: std::cell::Cell<u64>,
    /// … their current limits (raised by `recover`) …
    limit_steps: std::cell::Cell<u64>,
    limit_elements: std::cell::Cell<u64>,
    recoveries: std::cell::Cell<u8>,
    /// Instances made, and the error every further instance is once `MAX_INSTANCES` is passed.
    instances: std::cell::Cell<u64>,
    instances_spent: RefCell<Option<Val>>,
    /// … and, once spent, the error every further evaluation returns.
    spent: RefCell<Option<Val>>,
    /// What file() and filebase64() read (`Evaluated::file_reads`).
    file_reads: RefCell<Vec<(String, String)>>,
}

fn origins_of(vals: &[&Val]) -> Vec<Origin> {
    let mut o = Vec::new();
    for v in vals {
        merge_origins(&mut o, &v.origins());
    }
    o
}

fn unknown_from(vals: &[&Val]) -> Val {
    let mut o = origins_of(vals);
    if o.is_empty() {
        o.push(Origin::other(OriginKind::Function, "value not known"));
    }
    Val::new(V::Unknown(o), None)
}

fn err_at(msg: impl Into<String>, at: Span) -> Val {
    let mut o = Origin::other(OriginKind::Error, msg);
    o.at = Some(at);
    Val::new(V::Unknown(vec![o]), Some(at))
}

/// Gives error origins that have no location yet the span of `at`.
fn locate(mut v: Val, at: Span) -> Val {
    if let V::Unknown(o) = &mut v.v {
        for x in o.iter_mut() {
            if x.kind == OriginKind::Error && x.at.is_none() {
                x.at = Some(at);
            }
        }
    }
    v
}

/// True when the value holds an error anywhere (what `try` and `can` catch). A resource
/// object's own attribute errors are reported at the resource and do not count here.
pub fn has_error(v: &Val) -> bool {
    if v.res.is_some() && matches!(v.v, V::Obj(_)) {
        return false;
    }
    match &v.v {
        V::Unknown(o) => o.iter().any(|o| o.kind == OriginKind::Error),
        V::Template(p) => p.iter().any(|p| match p {
            Part::Unknown(o) => o.iter().any(|o| o.kind == OriginKind::Error),
            Part::Lit(_) => false,
        }),
        V::List(l) => l.iter().any(has_error),
        V::Obj(m) => m.values().any(has_error),
        _ => false,
    }
}

fn first_error(v: &Val) -> Option<Origin> {
    v.origins()
        .into_iter()
        .find(|o| o.kind == OriginKind::Error)
}

pub fn key_string(v: &Val) -> Option<String> {
    match &v.v {
        V::Str(s) => Some(s.clone()),
        V::Num(n) => Some(crate::value::fmt_num(*n)),
        V::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `aws_x.y`-style closest name, for "did you mean".
pub fn did_you_mean<'b>(name: &str, candidates: impl Iterator<Item = &'b str>) -> String {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = levenshtein(name, c);
        if d <= 2.max(name.len() / 4) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    match best {
        Some((_, c)) => format!(" Did you mean \"{c}\"?"),
        None => String::new(),
    }
}

pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Evaluates one root module into its resource instances.
pub fn eval_root(loaded: &Loaded, root: &PathBuf) -> Evaluated {
    let Some(mut ev) = Evaluator::new(loaded, root) else {
        return Evaluated {
            resources: vec![],
            diags: vec![],
            missing_modules: vec![],
            file_reads: vec![],
        };
    };
    // lint: a root variable left at an empty-string default is a placeholder, not a decided value
    ev.placeholders = true;
    ev.sweep(0);
    ev.finish()
}

/// Evaluates `expr` in the scope of the root module, or of a module instance (`module.api`,
/// `module.api["x"]`), after evaluating the whole configuration. Returns the value and every
/// diagnostic (the configuration's and the expression's).
pub fn eval_in(
    loaded: &Loaded,
    root: &PathBuf,
    module: Option<&str>,
    expr: &Expr,
) -> Result<(Val, Vec<Diag>), String> {
    let ev = Evaluator::new(loaded, root).ok_or("no Terraform configuration to evaluate in")?;
    ev.sweep(0);
    let inst = match module.filter(|m| !m.is_empty()) {
        None => 0,
        Some(m) => {
            let want = normalize_module_addr(m);
            let insts = ev.insts.borrow();
            match insts.iter().position(|i| i.path == want) {
                Some(i) => i,
                None => {
                    let known: Vec<&str> = insts.iter().skip(1).map(|i| i.path.as_str()).collect();
                    return Err(format!(
                        "no module instance {m} in this configuration{}",
                        if known.is_empty() {
                            String::new()
                        } else {
                            format!(" (instances: {})", known.join(", "))
                        }
                    ));
                }
            }
        }
    };
    let v = ev.eval(expr, &Scope::new(inst));
    ev.report(&v, expr.span());
    let Evaluated { diags, .. } = ev.finish();
    Ok((v, diags))
}

fn normalize_module_addr(m: &str) -> String {
    m.trim().replace('\'', "\"")
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

/// Resource types whose presence in a module call's arguments makes an unread module relevant.
fn relevant_type(t: &str) -> bool {
    [
        "aws_api_gateway",
        "aws_apigatewayv2",
        "aws_cognito",
        "aws_acm",
        "aws_route53",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn relevant_source(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    [
        "apigateway",
        "api-gateway",
        "cognito",
        "acm",
        "route53",
        "route-53",
    ]
    .iter()
    .any(|k| s.contains(k))
}

impl<'a> Evaluator<'a> {
    fn new(loaded: &'a Loaded, root: &PathBuf) -> Option<Evaluator<'a>> {
        let def = loaded.modules.get(root)?;
        let ev = Evaluator {
            loaded,
            placeholders: false,
            root: root.clone(),
            insts: RefCell::new(Vec::new()),
            out: RefCell::new(Vec::new()),
            regions: RefCell::new(HashMap::new()),
            cons: RefCell::new(HashMap::new()),
            diags: RefCell::new(Vec::new()),
            seen: RefCell::new(HashSet::new()),
            missing: RefCell::new(Vec::new()),
            dep_memo: RefCell::new(HashMap::new()),
            workspace: match crate::load::workspace(root, loaded.tf_workspace.as_deref()) {
                Ok(w) => Val::str(w),
                Err(e) => Val::error(e),
            },
            steps: std::cell::Cell::new(0),
            elements: std::cell::Cell::new(0),
            limit_steps: std::cell::Cell::new(MAX_STEPS),
            limit_elements: std::cell::Cell::new(MAX_ELEMENTS),
            recoveries: std::cell::Cell::new(0),
            instances: std::cell::Cell::new(0),
            instances_spent: RefCell::new(None),
            spent: RefCell::new(None),
            file_reads: RefCell::new(Vec::new()),
        };
        ev.push_inst(String::new(), String::new(), def, None, 0);
        let providers = own_providers(def, 0);
        *ev.inst(0).providers.borrow_mut() = providers;
        Some(ev)
    }

    fn finish(self) -> Evaluated {
        let pending = std::mem::take(&mut *self.out.borrow_mut());
        // the values of the resource blocks, taken out of the module instances: each pending
        // resource moves its attributes out of them (shared only when something still holds
        // the value: then copied)
        let mut blocks: HashMap<(usize, usize), Val> = HashMap::new();
        for p in &pending {
            if matches!(p.place, Place::Own) || blocks.contains_key(&(p.inst, p.k)) {
                continue;
            }
            let slot = self.inst(p.inst).resources.borrow_mut().remove(&p.k);
            if let Some(Slot::Done(rc)) = slot {
                blocks.insert(
                    (p.inst, p.k),
                    Rc::try_unwrap(rc).unwrap_or_else(|rc| (*rc).clone()),
                );
            }
        }
        let mut resources = Vec::with_capacity(pending.len());
        for mut p in pending {
            let block = blocks.get_mut(&(p.inst, p.k));
            let null = || Val::new(V::Null, None);
            match (&p.place, block) {
                (Place::Own, _) | (_, None) => {}
                (Place::Whole, Some(b)) => p.res.attrs = std::mem::replace(b, null()),
                (Place::Index(n), Some(b)) => {
                    if let V::List(l) = &mut b.v
                        && let Some(x) = l.get_mut(*n)
                    {
                        p.res.attrs = std::mem::replace(x, null());
                    }
                }
                (Place::Key(key), Some(b)) => {
                    if let V::Obj(m) = &mut b.v
                        && let Some(x) = m.get_mut(key)
                    {
                        p.res.attrs = std::mem::replace(x, null());
                    }
                }
            }
            let mut refs = BTreeSet::new();
            self.deps_of(p.inst, &p.decl.refs, &mut refs, 0);
            for e in [&p.decl.count, &p.decl.for_each].into_iter().flatten() {
                let mut paths = Vec::new();
                e.references(&mut paths);
                self.deps_of(p.inst, &paths, &mut refs, 0);
            }
            let mut dep = BTreeSet::new();
            self.deps_of(p.inst, &p.decl.depends_on, &mut dep, 0);
            // a module call's depends_on orders everything inside it
            let mut cur = p.inst;
            while let Some((parent, call, _)) = self.inst(cur).parent.clone() {
                self.deps_of(parent, &call.depends_on, &mut dep, 0);
                cur = parent;
            }
            if crate::model::ATTR_REFS_TYPES
                .iter()
                .any(|(t, _)| *t == p.res.rtype)
            {
                let prefix = self.prefix(p.inst);
                for a in &p.decl.body.attrs {
                    if !crate::model::keeps_attr_refs(&p.res.rtype, &a.name) {
                        continue;
                    }
                    let mut paths = Vec::new();
                    a.expr.references(&mut paths);
                    let mut out = BTreeSet::new();
                    self.deps_of(p.inst, &paths, &mut out, 0);
                    // resources read only through `.id`, directly (through a local or a
                    // module input the attribute read is not followed: counted as whole)
                    let mut id_only = BTreeSet::new();
                    let mut whole = BTreeSet::new();
                    for path in &paths {
                        match crate::load::module::ref_to_resource(path) {
                            Some(r) if !r.starts_with("module.") && !r.starts_with("data.") => {
                                let base = format!("{prefix}{r}");
                                if path.len() == 3 && path[2] == "id" {
                                    id_only.insert(base);
                                } else {
                                    whole.insert(base);
                                }
                            }
                            _ => {
                                let mut via = BTreeSet::new();
                                self.deps_of(p.inst, std::slice::from_ref(path), &mut via, 0);
                                whole.extend(via);
                            }
                        }
                    }
                    id_only.retain(|b| !whole.contains(b));
                    p.res.attr_id_refs.insert(a.name.clone(), id_only);
                    p.res.attr_refs.insert(a.name.clone(), out);
                }
            }
            p.res.refs = refs;
            p.res.depends_on = dep;
            resources.push(p.res);
        }
        let mut diags = self.diags.into_inner();
        diags.sort_by_key(|d| (d.span, d.message.clone()));
        Evaluated {
            resources,
            diags,
            missing_modules: self.missing.into_inner(),
            file_reads: self.file_reads.into_inner(),
        }
    }

    fn inst(&self, i: usize) -> Rc<Inst<'a>> {
        self.insts.borrow()[i].clone()
    }

    fn push_inst(
        &self,
        path: String,
        key_path: String,
        def: &'a ModuleDef,
        parent: Option<(usize, &'a CallDecl, Scope)>,
        depth: usize,
    ) -> usize {
        let rel_dir = relative_path(&self.root, &def.dir);
        let mut insts = self.insts.borrow_mut();
        insts.push(Rc::new(Inst {
            path,
            key_path,
            def,
            rel_dir,
            parent,
            vars: RefCell::new(HashMap::new()),
            locals: RefCell::new(HashMap::new()),
            outputs: RefCell::new(HashMap::new()),
            resources: RefCell::new(HashMap::new()),
            calls: RefCell::new(HashMap::new()),
            providers: RefCell::new(BTreeMap::new()),
            children: RefCell::new(Vec::new()),
            depth,
        }));
        insts.len() - 1
    }

    /// Records every error inside `v` as a located diagnostic (once per place and message).
    fn report(&self, v: &Val, fallback: Span) {
        if !has_error(v) {
            return;
        }
        for o in v.origins() {
            if o.kind != OriginKind::Error {
                continue;
            }
            let at = o.at.unwrap_or(fallback);
            if self.seen.borrow_mut().insert((at, o.attr.clone())) {
                self.diags.borrow_mut().push(Diag::at(o.attr.clone(), at));
            }
        }
    }

    /// Charges `n` elements made at `at` to the budget; `Some(error)` once it is spent.
    fn charge(&self, n: u64, at: Span) -> Option<Val> {
        let e = self.elements.get().saturating_add(n);
        self.elements.set(e);
        if e > self.limit_elements.get() {
            Some(self.over_budget(at))
        } else {
            self.spent.borrow().clone()
        }
    }

    /// Counts one resource, data or module instance made at `at`; `Some(error)` past
    /// `MAX_INSTANCES` (one located error, the same value for every further instance).
    fn charge_instance(&self, at: Span) -> Option<Val> {
        if let Some(v) = self.instances_spent.borrow().as_ref() {
            return Some(v.clone());
        }
        let n = self.instances.get() + 1;
        self.instances.set(n);
        if n <= MAX_INSTANCES {
            return self.charge(8, at);
        }
        let v = err_at(
            format!(
                "Evaluation budget exceeded: this root module makes more than authwire's limit of {MAX_INSTANCES} resource and module instances (modules calling modules with count/for_each?); the instances past it are not evaluated"
            ),
            at,
        );
        self.report(&v, at);
        *self.instances_spent.borrow_mut() = Some(v.clone());
        Some(v)
    }

    /// After one top-level value (a local, variable, resource, module call or output) spent the
    /// budget, its error stands for it and what it depends on, and the rest of the module is
    /// evaluated with a quarter of the budget more, at most three times: one runaway value does
    /// not hide the root's other resources, and the total stays bounded.
    fn recover(&self) {
        if self.spent.borrow().is_none() || self.recoveries.get() >= 3 {
            return;
        }
        self.recoveries.set(self.recoveries.get() + 1);
        self.limit_steps.set(self.steps.get() + MAX_STEPS / 4);
        self.limit_elements
            .set(self.elements.get() + MAX_ELEMENTS / 4);
        *self.spent.borrow_mut() = None;
    }

    /// The budget is spent: the first time, a located input error at `at`; every time, the
    /// error value further evaluation returns (that value).
    fn over_budget(&self, at: Span) -> Val {
        if let Some(v) = self.spent.borrow().as_ref() {
            return v.clone();
        }
        let v = err_at(
            format!(
                "Evaluation budget exceeded: this root module needs more than authwire's limit of {} expressions evaluated or {} values and instances made (a runaway expansion: nested `for`, `setproduct`, modules calling modules with count/for_each); what depends on this value is unknown",
                MAX_STEPS, MAX_ELEMENTS
            ),
            at,
        );
        self.report(&v, at);
        *self.spent.borrow_mut() = Some(v.clone());
        v
    }

    fn diag(&self, msg: String, at: Span) {
        if self.seen.borrow_mut().insert((at, msg.clone())) {
            self.diags.borrow_mut().push(Diag::at(msg, at));
        }
    }

    /// Evaluates every local, resource, output and module call of an instance, recursively.
    fn sweep(&self, i: usize) {
        let inst = self.inst(i);
        for name in inst.def.locals.keys() {
            self.local(i, name);
            self.recover();
        }
        for name in inst.def.variables.keys() {
            self.var(i, name);
            self.recover();
        }
        for (k, _) in inst.def.resources.iter().enumerate() {
            self.resource_value(i, k);
            self.recover();
        }
        for c in &inst.def.calls {
            self.module_insts(i, c);
            self.recover();
        }
        for name in inst.def.outputs.keys() {
            self.output(i, name);
            self.recover();
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

    // ---------------------------------------------------------------- variables, locals, outputs

    fn con_of(&self, inst: usize, name: &str) -> Option<Rc<Con>> {
        let i = self.inst(inst);
        let key = (i.def as *const ModuleDef as usize, name.to_string());
        if let Some(c) = self.cons.borrow().get(&key) {
            return c.clone();
        }
        let decl = i.def.variables.get(name)?;
        let con = decl.ty.as_ref().and_then(|t| {
            let sc = Scope::new(inst);
            match types::parse_con(t, &|e| self.eval(e, &sc)) {
                Ok(c) => Some(Rc::new(c)),
                Err(m) => {
                    self.diag(
                        format!("invalid type for variable \"{name}\": {m}"),
                        t.span(),
                    );
                    None
                }
            }
        });
        self.cons.borrow_mut().insert(key, con.clone());
        con
    }

    fn var(&self, inst: usize, name: &str) -> Rc<Val> {
        let i = self.inst(inst);
        match i.vars.borrow().get(name) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => {
                return Rc::new(Val::error(format!("cycle: var.{name} depends on itself")));
            }
            None => {}
        }
        i.vars.borrow_mut().insert(name.to_string(), Slot::Busy);
        let v = Rc::new(self.var_value(inst, &i, name));
        i.vars
            .borrow_mut()
            .insert(name.to_string(), Slot::Done(v.clone()));
        v
    }

    fn var_value(&self, inst: usize, i: &Inst<'a>, name: &str) -> Val {
        let Some(decl) = i.def.variables.get(name) else {
            return Val::error(format!(
                "Reference to undeclared input variable: an input variable named \"{name}\" is not declared in this module.{}",
                did_you_mean(name, i.def.variables.keys().map(String::as_str))
            ));
        };
        let qualified = if i.path.is_empty() {
            format!("var.{name}")
        } else {
            format!("{}.var.{name}", i.path)
        };
        if decl.ephemeral {
            return Val::unknown(Origin::other(OriginKind::Ephemeral, qualified));
        }
        let default = || -> Option<Val> {
            decl.default
                .as_ref()
                .map(|e| self.eval(e, &Scope::new(inst)).with_at(e.span()))
        };
        // the value given: root variables from tfvars/-var/TF_VAR_, module arguments
        let given: Option<(Val, Span)> = match &i.parent {
            None => self
                .loaded
                .root_vars
                .get(&self.root)
                .and_then(|g| g.get(name))
                .map(|e| (self.eval(e, &Scope::new(inst)).with_at(e.span()), e.span())),
            Some((_, call, sc)) => call
                .body
                .attr(name)
                .map(|a| (self.eval(&a.expr, sc).with_at(a.expr.span()), a.expr.span())),
        };
        let non_nullable = matches!(decl.nullable, Some(Expr::Bool(false, _)));
        let (mut v, at) = match given {
            Some((v, at)) if v.is_null() && non_nullable => match default() {
                Some(d) => (d, at),
                None => {
                    let m = format!(
                        "Invalid value for variable \"{name}\": the variable is not nullable (nullable = false) and has no default, so null is not allowed"
                    );
                    return err_at(m, at);
                }
            },
            Some((v, at)) => (v, at),
            None => match default() {
                // a root variable left at "" in lint: a placeholder the pipeline fills
                Some(d) if self.placeholders && i.parent.is_none() && d.as_str() == Some("") => {
                    return Val::unknown_typed(
                        vec![Origin::other(OriginKind::Placeholder, qualified)],
                        Ty::Str,
                    );
                }
                // lint: a root variable left at a null default is also a value the pipeline
                // passes (a template or format() of it would fail the plan otherwise): unknown,
                // of the variable's type. `authwire eval` gives null, as terraform plan does
                Some(d) if self.placeholders && i.parent.is_none() && d.is_null() => {
                    let u = Val::unknown(Origin::other(
                        OriginKind::Placeholder,
                        format!("{qualified} (default null)"),
                    ));
                    return match self.con_of(inst, name) {
                        Some(con) => types::convert(&u, &con).unwrap_or(u),
                        None => u,
                    };
                }
                // a default of null is the value null (of the variable's type), as in
                // `terraform plan` when no value is given
                Some(d) => {
                    let at = d.at.unwrap_or(decl.span);
                    (d, at)
                }
                None => match &i.parent {
                    None => {
                        let u = Val::unknown(Origin::other(OriginKind::Variable, qualified));
                        return match self.con_of(inst, name) {
                            Some(con) => types::convert(&u, &con).unwrap_or(u),
                            None => u,
                        };
                    }
                    Some((_, call, _)) => {
                        let m = format!(
                            "Missing required argument: the module \"{}\" requires the argument \"{name}\" (variable \"{name}\" has no default)",
                            call.name
                        );
                        self.diag(m.clone(), call.span);
                        return Val::error(m);
                    }
                },
            },
        };
        self.report(&v, at);
        if has_error(&v) {
            return v;
        }
        if let Some(con) = self.con_of(inst, name) {
            match types::convert(&v, &con) {
                Ok(c) => v = c,
                Err(m) => {
                    let m = format!("Invalid value for variable \"{name}\": {m}");
                    self.diag(m.clone(), at);
                    return err_at(m, at);
                }
            }
        }
        v
    }

    fn local(&self, inst: usize, name: &str) -> Rc<Val> {
        let i = self.inst(inst);
        match i.locals.borrow().get(name) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => {
                return Rc::new(Val::error(format!(
                    "Cycle: local.{name} refers to itself (directly or through other values)"
                )));
            }
            None => {}
        }
        let Some(a) = i.def.locals.get(name) else {
            return Rc::new(Val::error(format!(
                "Reference to undeclared local value: local.{name} is not defined in this module.{}",
                did_you_mean(name, i.def.locals.keys().map(String::as_str))
            )));
        };
        i.locals.borrow_mut().insert(name.to_string(), Slot::Busy);
        let v = self.eval(&a.expr, &Scope::new(inst)).with_at(a.expr.span());
        self.report(&v, a.expr.span());
        let v = Rc::new(v);
        i.locals
            .borrow_mut()
            .insert(name.to_string(), Slot::Done(v.clone()));
        v
    }

    fn output(&self, inst: usize, name: &str) -> Rc<Val> {
        let i = self.inst(inst);
        match i.outputs.borrow().get(name) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => {
                return Rc::new(Val::error(format!(
                    "Cycle: output \"{name}\" refers to itself"
                )));
            }
            None => {}
        }
        let Some(a) = i.def.outputs.get(name) else {
            return Rc::new(Val::error(format!(
                "Unsupported attribute: the module has no output named \"{name}\".{}",
                did_you_mean(name, i.def.outputs.keys().map(String::as_str))
            )));
        };
        i.outputs.borrow_mut().insert(name.to_string(), Slot::Busy);
        let v = self.eval(&a.expr, &Scope::new(inst)).with_at(a.expr.span());
        self.report(&v, a.expr.span());
        let v = Rc::new(v);
        i.outputs
            .borrow_mut()
            .insert(name.to_string(), Slot::Done(v.clone()));
        v
    }

    // ---------------------------------------------------------------- resources

    /// The value of `aws_x.y` (object; tuple for count; object keyed by for_each key).
    fn resource_value(&self, inst: usize, k: usize) -> Rc<Val> {
        let i = self.inst(inst);
        match i.resources.borrow().get(&k) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => {
                let r = &i.def.resources[k];
                return Rc::new(Val::error(format!(
                    "Cycle: {} refers to itself (directly or through other values)",
                    r.local_addr()
                )));
            }
            None => {}
        }
        i.resources.borrow_mut().insert(k, Slot::Busy);
        let r = &i.def.resources[k];
        let v = Rc::new(self.expand_resource(inst, k, r));
        i.resources.borrow_mut().insert(k, Slot::Done(v.clone()));
        v
    }

    /// count → Ok(Some(n)), unknown → Ok(None), invalid → Err(error value).
    fn count_of(&self, e: &Expr, sc: &Scope) -> Result<Option<usize>, Val> {
        let n = self.eval(e, sc);
        if has_error(&n) {
            self.report(&n, e.span());
            return Err(n);
        }
        if n.is_unknown() {
            return Ok(None);
        }
        let bad = |m: String| {
            let v = err_at(format!("Invalid count argument: {m}"), e.span());
            self.report(&v, e.span());
            Err(v)
        };
        match types::convert(&n, &Con::Num).map(|v| v.v) {
            Ok(V::Num(x)) if x < 0.0 => bad(format!(
                "the count must not be negative (got {})",
                crate::value::fmt_num(x)
            )),
            Ok(V::Num(x)) if x.fract() != 0.0 => bad(format!(
                "the count must be a whole number (got {})",
                crate::value::fmt_num(x)
            )),
            Ok(V::Num(x)) if x > EXPANSION_LIMIT as f64 => bad(format!(
                "count = {} is over authwire's expansion limit of {EXPANSION_LIMIT} instances",
                crate::value::fmt_num(x)
            )),
            Ok(V::Num(x)) => Ok(Some(x as usize)),
            Ok(V::Null) => bad("the count must not be null".into()),
            Ok(_) => Ok(None),
            Err(m) if m.starts_with("a number is required") => bad(m),
            Err(m) => bad(format!("a number is required: {m}")),
        }
    }

    /// for_each → Ok(Some(pairs)), unknown → Ok(None), invalid → Err(error value).
    fn for_each_of(&self, e: &Expr, sc: &Scope) -> Result<Option<Vec<(String, Val)>>, Val> {
        let coll = self.eval(e, sc);
        if has_error(&coll) {
            self.report(&coll, e.span());
            return Err(coll);
        }
        let bad = |m: String| {
            let v = err_at(format!("Invalid for_each argument: {m}"), e.span());
            self.report(&v, e.span());
            Err(v)
        };
        let pairs: Vec<(String, Val)> = match &coll.v {
            V::Unknown(_) => return Ok(None),
            V::Null => return bad("the for_each value must not be null".into()),
            V::Obj(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            V::List(l) if coll.is_set() => {
                if l.iter().any(Val::is_unknown) {
                    return Ok(None);
                }
                let mut out = Vec::new();
                for x in l {
                    match &x.v {
                        V::Str(s) => out.push((s.clone(), x.clone())),
                        V::Null => {
                            return bad("a set used in for_each must not contain null".into());
                        }
                        _ => {
                            return bad(format!(
                                "the for_each argument must be a map, or set of strings, and you have provided a set of {}; convert it with toset([for v in ... : tostring(v)])",
                                x.ty().show()
                            ));
                        }
                    }
                }
                out
            }
            _ => {
                return bad(format!(
                    "the for_each argument must be a map, or set of strings, and you have provided a value of type {}; use toset() for a list of strings",
                    coll.ty().show()
                ));
            }
        };
        if pairs.len() > EXPANSION_LIMIT {
            return bad(format!(
                "{} instances are over authwire's expansion limit of {EXPANSION_LIMIT}",
                pairs.len()
            ));
        }
        Ok(Some(pairs))
    }

    fn expand_resource(&self, inst: usize, rk: usize, r: &'a ResDecl) -> Val {
        let base = format!("{}{}", self.prefix(inst), r.local_addr());
        let sc = Scope::new(inst);
        if let Some(c) = &r.count {
            return match self.count_of(c, &sc) {
                Ok(Some(n)) => Val::tuple(
                    (0..n)
                        .map(|k| {
                            let mut s = sc.clone();
                            s.count = Some(Val::num(k as f64));
                            let at = (rk, Place::Index(k));
                            self.instance(inst, r, &base, format!("{base}[{k}]"), &s, at)
                        })
                        .collect(),
                ),
                Ok(None) => {
                    let n = self.eval(c, &sc);
                    let mut s = sc.clone();
                    s.count = Some(Val::unknown_typed(n.origins(), Ty::Num));
                    self.instance(inst, r, &base, format!("{base}[*]"), &s, (rk, Place::Own));
                    unknown_from(&[&n])
                }
                Err(e) => e,
            };
        }
        if let Some(fe) = &r.for_each {
            return match self.for_each_of(fe, &sc) {
                Ok(Some(pairs)) => {
                    let mut m = BTreeMap::new();
                    for (k, v) in pairs {
                        let mut s = sc.clone();
                        s.each = Some((Val::str(k.clone()), v));
                        let addr = format!("{base}[\"{k}\"]");
                        let at = (rk, Place::Key(k.clone()));
                        m.insert(k, self.instance(inst, r, &base, addr, &s, at));
                    }
                    Val::object(m)
                }
                Ok(None) => {
                    let coll = self.eval(fe, &sc);
                    let mut s = sc.clone();
                    let u = unknown_from(&[&coll]);
                    s.each = Some((Val::unknown_typed(coll.origins(), Ty::Str), u.clone()));
                    self.instance(inst, r, &base, format!("{base}[*]"), &s, (rk, Place::Own));
                    u
                }
                Err(e) => e,
            };
        }
        self.instance(inst, r, &base, base.clone(), &sc, (rk, Place::Whole))
    }

    fn instance(
        &self,
        inst: usize,
        r: &'a ResDecl,
        base: &str,
        addr: String,
        sc: &Scope,
        (k, place): (usize, Place),
    ) -> Val {
        let unknown_count = matches!(place, Place::Own);
        if r.mode == Mode::Ephemeral {
            let mut o = Origin::other(OriginKind::Ephemeral, "");
            o.res = Some(addr.clone());
            o.attr = String::new();
            return Val::unknown(o);
        }
        // an instance is many values (its attributes, spans, origins): charged as 8
        if let Some(err) = self.charge_instance(r.span) {
            return err;
        }
        let mut spans = BTreeMap::new();
        let mut attrs = self.eval_body(&r.body, sc, "", &mut spans, &addr);
        let region = match attrs.get("region") {
            Some(v) if !v.is_null() => v.clone(),
            _ => self.provider_region(inst, r),
        };
        crate::computed::add(r.mode, &r.rtype, &addr, &mut attrs, &region);
        // the hashicorp/template provider's `template_file` data source renders its template
        // with its vars during plan, as templatestring() does
        if r.mode == Mode::Data
            && r.rtype == "template_file"
            && let Some(V::Str(t)) = attrs.get("template").map(|v| &v.v)
        {
            let names: Vec<(String, Val)> = match attrs.get("vars").map(|v| &v.v) {
                Some(V::Obj(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                _ => Vec::new(),
            };
            let vars_known = !matches!(attrs.get("vars").map(|v| &v.v), Some(V::Unknown(_)));
            if vars_known {
                let rendered = self.render_template("template_file", t, names, sc.inst, r.span);
                if !has_error(&rendered) {
                    attrs.insert("rendered".to_string(), rendered);
                }
            }
        }
        for (k, x) in attrs.iter_mut() {
            crate::value::mark_within(x, &addr, k);
        }
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
                ty: None,
                within: None,
            },
            spans,
            span: Some(r.span),
            region,
            refs: BTreeSet::new(),
            depends_on: BTreeSet::new(),
            attr_refs: BTreeMap::new(),
            attr_id_refs: BTreeMap::new(),
            unknown_count,
        };
        let mut res = res;
        let v = match place {
            Place::Own => res.attrs.clone(),
            _ => std::mem::replace(&mut res.attrs, Val::new(V::Null, None)),
        };
        self.out.borrow_mut().push(Pending {
            inst,
            decl: r,
            res,
            k,
            place,
        });
        v
    }

    /// Resource dependencies (full base addresses, or `module.x` prefixes) of reference paths,
    /// followed through locals, module inputs (`var.x` → the caller's argument) and outputs
    /// (each output is its own node: only the objects it refers to).
    fn deps_of(&self, inst: usize, refs: &[Vec<String>], out: &mut BTreeSet<String>, depth: usize) {
        if depth > 48 {
            return;
        }
        let i = self.inst(inst);
        let prefix = self.prefix(inst);
        for path in refs {
            let head = path.first().map(String::as_str);
            let memo_key = match (head, path.get(1), path.get(2)) {
                (Some("local"), Some(n), _) => Some(format!("local.{n}")),
                (Some("var"), Some(n), _) => Some(format!("var.{n}")),
                (Some("module"), Some(n), Some(o)) => Some(format!("module.{n}.{o}")),
                _ => None,
            };
            if let Some(key) = memo_key {
                let mk = (inst, key);
                if let Some(d) = self.dep_memo.borrow().get(&mk) {
                    out.extend(d.iter().cloned());
                    continue;
                }
                // guard against cycles while computing
                self.dep_memo
                    .borrow_mut()
                    .insert(mk.clone(), Rc::new(BTreeSet::new()));
                let mut d = BTreeSet::new();
                self.deps_uncached(inst, &i, path, &mut d, depth);
                out.extend(d.iter().cloned());
                self.dep_memo.borrow_mut().insert(mk, Rc::new(d));
                continue;
            }
            match head {
                Some("module") => {
                    if let Some(name) = path.get(1) {
                        out.insert(format!("{prefix}module.{name}"));
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

    fn deps_uncached(
        &self,
        inst: usize,
        i: &Inst<'a>,
        path: &[String],
        out: &mut BTreeSet<String>,
        depth: usize,
    ) {
        match path[0].as_str() {
            "local" => {
                if let Some(a) = path.get(1).and_then(|n| i.def.locals.get(n)) {
                    let mut p = Vec::new();
                    a.expr.references(&mut p);
                    self.deps_of(inst, &p, out, depth + 1);
                }
            }
            "var" => {
                if let (Some(n), Some((pi, call, _))) = (path.get(1), &i.parent) {
                    let mut p = Vec::new();
                    if let Some(a) = call.body.attr(n) {
                        a.expr.references(&mut p);
                    }
                    for e in [&call.count, &call.for_each].into_iter().flatten() {
                        e.references(&mut p);
                    }
                    self.deps_of(*pi, &p, out, depth + 1);
                }
            }
            _ => {
                // module.NAME.OUTPUT: the output's own references in each instance
                let (Some(name), Some(output)) = (path.get(1), path.get(2)) else {
                    return;
                };
                let children: Vec<usize> = i
                    .children
                    .borrow()
                    .iter()
                    .filter(|c| &c.0 == name)
                    .map(|c| c.1)
                    .collect();
                if children.is_empty() {
                    out.insert(format!("{}module.{name}", self.prefix(inst)));
                    return;
                }
                for c in children {
                    if let Some(a) = self.inst(c).def.outputs.get(output) {
                        let mut p = Vec::new();
                        a.expr.references(&mut p);
                        self.deps_of(c, &p, out, depth + 1);
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
            Some(a) => {
                let v = self.eval(&a.expr, &Scope::new(pi)).with_at(a.span);
                self.report(&v, a.expr.span());
                v
            }
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
        let lifecycle = prefix.starts_with("lifecycle.");
        for a in &body.attrs {
            if lifecycle && a.name == "ignore_changes" {
                // attribute paths of this resource (or `all`), not references: kept as text
                crate::model::spans::attribute(spans, prefix, &a.name, a.span);
                let paths = match &a.expr {
                    Expr::Array(items, _) => Val::tuple(
                        items
                            .iter()
                            .map(|i| {
                                Val::str(crate::load::module::traversal_name(i).unwrap_or_default())
                            })
                            .collect(),
                    ),
                    other => {
                        Val::str(crate::load::module::traversal_name(other).unwrap_or_default())
                    }
                };
                out.insert(a.name.clone(), paths.with_at(a.expr.span()));
                continue;
            }
            let v = self.eval(&a.expr, sc).with_at(a.expr.span());
            self.report(&v, a.expr.span());
            crate::model::spans::attribute(spans, prefix, &a.name, a.span);
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
                let Some(fe) = b.body.attr("for_each") else {
                    self.diag(
                        format!("dynamic \"{label}\" block has no for_each argument"),
                        b.span,
                    );
                    continue;
                };
                let coll = self.eval(&fe.expr, sc);
                let Some(content) = b.body.blocks_of("content").next() else {
                    self.diag(
                        format!("dynamic \"{label}\" block has no content block"),
                        b.span,
                    );
                    continue;
                };
                let pairs = match iter_pairs(&coll) {
                    Ok(p) => p,
                    Err(m) => {
                        let v = err_at(
                            format!("Invalid dynamic for_each value: {m}"),
                            fe.expr.span(),
                        );
                        self.report(&v, fe.expr.span());
                        unknown_blocks.insert(label.clone(), v);
                        continue;
                    }
                };
                match pairs {
                    Some(pairs) => {
                        if pairs.len() > EXPANSION_LIMIT {
                            self.diag(
                                format!(
                                    "dynamic \"{label}\": {} blocks are over authwire's expansion limit of {EXPANSION_LIMIT}",
                                    pairs.len()
                                ),
                                fe.expr.span(),
                            );
                            continue;
                        }
                        for (k, v) in pairs {
                            if self.charge(1, fe.expr.span()).is_some() {
                                break;
                            }
                            let mut it = BTreeMap::new();
                            it.insert("key".to_string(), k);
                            it.insert("value".to_string(), v);
                            let s2 = sc.with(&iter_name, Val::object(it));
                            let list = lists.entry(label.clone()).or_default();
                            let p = crate::model::spans::block_prefix(prefix, label, list.len());
                            crate::model::spans::block(spans, prefix, label, list.len(), b.span);
                            let obj = self.eval_body(&content.body, &s2, &p, spans, addr);
                            list.push(Val {
                                v: V::Obj(obj),
                                at: Some(b.span),
                                res: Some(addr.to_string()),
                                ty: None,
                                within: None,
                            });
                        }
                        lists.entry(label.clone()).or_default();
                    }
                    None => {
                        unknown_blocks
                            .insert(label.clone(), unknown_from(&[&coll]).with_at(b.span));
                        crate::model::spans::block_type(spans, prefix, label, b.span);
                    }
                }
                continue;
            }
            if prefix.is_empty() && matches!(b.kind.as_str(), "provisioner" | "connection")
                || matches!(b.kind.as_str(), "precondition" | "postcondition")
            {
                // provisioners and conditions run at apply time and may use `self`
                continue;
            }
            let list = lists.entry(b.kind.clone()).or_default();
            let p = crate::model::spans::block_prefix(prefix, &b.kind, list.len());
            crate::model::spans::block(spans, prefix, &b.kind, list.len(), b.span);
            let obj = self.eval_body(&b.body, sc, &p, spans, addr);
            list.push(Val {
                v: V::Obj(obj),
                at: Some(b.span),
                res: Some(addr.to_string()),
                ty: None,
                within: None,
            });
        }
        for (k, l) in lists {
            // a dynamic block and static blocks of one type: an unknown part makes it unknown
            if let Some(u) = unknown_blocks.remove(&k) {
                out.insert(k, u);
            } else {
                out.insert(k, Val::tuple(l));
            }
        }
        for (k, u) in unknown_blocks {
            out.insert(k, u);
        }
        out
    }

    // ---------------------------------------------------------------- modules

    /// Creates the instances of a module call (once) and returns them.
    fn module_insts(&self, inst: usize, c: &'a CallDecl) -> Insts {
        let i = self.inst(inst);
        match i.calls.borrow().get(&c.name) {
            Some(Some(x)) => return x.clone(),
            Some(None) => {
                return Insts::Missing(Val::error(format!(
                    "Cycle: the count or for_each of module.{} refers to itself",
                    c.name
                )));
            }
            None => {}
        }
        i.calls.borrow_mut().insert(c.name.clone(), None);
        let x = self.expand_call(inst, c);
        i.calls.borrow_mut().insert(c.name.clone(), Some(x.clone()));
        x
    }

    fn call_def(&self, inst: usize, c: &'a CallDecl) -> Result<(&'a ModuleDef, String), Val> {
        let parent = self.inst(inst);
        let key_path = if parent.key_path.is_empty() {
            c.name.clone()
        } else {
            format!("{}.{}", parent.key_path, c.name)
        };
        let dir = c.dir.clone().or_else(|| {
            self.loaded
                .manifests
                .get(&self.root)
                .and_then(|m| m.get(&key_path))
                .cloned()
        });
        match dir.as_ref().and_then(|d| self.loaded.modules.get(d)) {
            Some(def) => Ok((def, key_path)),
            None => {
                let base = format!("{}module.{}", self.prefix(inst), c.name);
                let local = c.source.starts_with("./") || c.source.starts_with("../");
                let msg = if local {
                    format!("{base}: the local module {} could not be read", c.source)
                } else {
                    format!(
                        "{base} comes from {} (not downloaded: run terraform init so authwire can read .terraform/modules)",
                        c.source
                    )
                };
                if !local {
                    let mut refs = Vec::new();
                    for a in &c.body.attrs {
                        a.expr.references(&mut refs);
                    }
                    let mut deps = BTreeSet::new();
                    self.deps_of(inst, &refs, &mut deps, 0);
                    let relevant = relevant_source(&c.source)
                        || deps.iter().any(|d| {
                            let last = d.rsplit("module.").next().unwrap_or(d);
                            let t = last.trim_start_matches("data.");
                            relevant_type(t.split('.').next().unwrap_or(""))
                                || relevant_type(t.split('.').nth(1).unwrap_or(""))
                        });
                    self.missing.borrow_mut().push(MissingModule {
                        address: base.clone(),
                        source: c.source.clone(),
                        span: c.source_span,
                        relevant,
                    });
                }
                Err(Val::unknown(Origin::other(OriginKind::Module, msg)))
            }
        }
    }

    fn expand_call(&self, inst: usize, c: &'a CallDecl) -> Insts {
        let parent = self.inst(inst);
        let base = format!("{}module.{}", self.prefix(inst), c.name);
        let (def, key_path) = match self.call_def(inst, c) {
            Ok(x) => x,
            Err(v) => return Insts::Missing(v),
        };
        if let Some(err) = self
            .spent
            .borrow()
            .clone()
            .or_else(|| self.instances_spent.borrow().clone())
        {
            return Insts::Missing(err);
        }
        // a module directory among its own callers: the tree never ends (Terraform's init
        // fails on it with "file name too long"); one message per call, whatever the instance
        let mut at = Some(inst);
        while let Some(i) = at {
            let a = self.inst(i);
            if std::ptr::eq(a.def, def) {
                let dir = if a.rel_dir.is_empty() || a.rel_dir == "." {
                    "the root module".to_string()
                } else {
                    format!("the module in {}", a.rel_dir)
                };
                let v = err_at(
                    format!(
                        "Recursive module call: module \"{}\" (source = \"{}\") calls {dir}, which contains this call, so the module tree never ends; Terraform cannot install or plan it. Call a module in another directory",
                        c.name, c.source
                    ),
                    c.span,
                );
                self.report(&v, c.span);
                return Insts::Missing(v);
            }
            at = a.parent.as_ref().map(|(p, _, _)| *p);
        }
        if parent.depth >= MAX_DEPTH {
            let v = err_at(
                format!(
                    "{base}: modules nested more than {MAX_DEPTH} deep (a module that calls itself?)"
                ),
                c.span,
            );
            self.report(&v, c.span);
            return Insts::Missing(v);
        }
        // arguments the module does not declare
        for a in &c.body.attrs {
            if matches!(a.name.as_str(), "source" | "providers") {
                continue;
            }
            if !def.variables.contains_key(&a.name) {
                self.diag(
                    format!(
                        "Unsupported argument: module \"{}\" has no variable named \"{}\".{}",
                        c.name,
                        a.name,
                        did_you_mean(&a.name, def.variables.keys().map(String::as_str))
                    ),
                    a.span,
                );
            }
        }
        let sc = Scope::new(inst);
        if let Some(cnt) = &c.count {
            return match self.count_of(cnt, &sc) {
                Ok(Some(n)) => Insts::List(
                    (0..n)
                        .map(|k| {
                            let mut s = sc.clone();
                            s.count = Some(Val::num(k as f64));
                            self.module_instance(inst, c, def, &key_path, format!("{base}[{k}]"), s)
                        })
                        .collect(),
                ),
                Ok(None) => {
                    let n = self.eval(cnt, &sc);
                    let mut s = sc.clone();
                    s.count = Some(Val::unknown_typed(n.origins(), Ty::Num));
                    let idx =
                        self.module_instance(inst, c, def, &key_path, format!("{base}[*]"), s);
                    Insts::Unknown(unknown_from(&[&n]), idx)
                }
                Err(e) => Insts::Missing(e),
            };
        }
        if let Some(fe) = &c.for_each {
            return match self.for_each_of(fe, &sc) {
                Ok(Some(pairs)) => Insts::Map(
                    pairs
                        .into_iter()
                        .map(|(k, v)| {
                            let mut s = sc.clone();
                            s.each = Some((Val::str(k.clone()), v));
                            let idx = self.module_instance(
                                inst,
                                c,
                                def,
                                &key_path,
                                format!("{base}[\"{k}\"]"),
                                s,
                            );
                            (k, idx)
                        })
                        .collect(),
                ),
                Ok(None) => {
                    let coll = self.eval(fe, &sc);
                    let mut s = sc.clone();
                    let u = unknown_from(&[&coll]);
                    s.each = Some((Val::unknown_typed(coll.origins(), Ty::Str), u.clone()));
                    let idx =
                        self.module_instance(inst, c, def, &key_path, format!("{base}[*]"), s);
                    Insts::Unknown(u, idx)
                }
                Err(e) => Insts::Missing(e),
            };
        }
        Insts::One(self.module_instance(inst, c, def, &key_path, base, sc))
    }

    fn module_instance(
        &self,
        parent: usize,
        c: &'a CallDecl,
        def: &'a ModuleDef,
        key_path: &str,
        path: String,
        sc: Scope,
    ) -> usize {
        // further calls stop once the budget is spent (expand_call)
        let _ = self.charge_instance(c.span);
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
            path,
            key_path.to_string(),
            def,
            Some((parent, c, sc)),
            pinst.depth + 1,
        );
        for (k, v) in own_providers(def, idx) {
            providers.insert(k, v);
        }
        *self.inst(idx).providers.borrow_mut() = providers;
        pinst.children.borrow_mut().push((c.name.clone(), idx));
        idx
    }

    /// All outputs of a module instance, as the object `module.x` is.
    fn outputs_object(&self, idx: usize) -> Val {
        let def = self.inst(idx).def;
        let mut m = BTreeMap::new();
        for name in def.outputs.keys() {
            m.insert(name.clone(), (*self.output(idx, name)).clone());
        }
        Val::object(m)
    }

    /// `module.NAME…`: resolves only the output asked for when it can (per-object graph).
    /// Returns the value and the number of operators consumed after `module.NAME`.
    fn module_ref(&self, inst: usize, c: &'a CallDecl, ops: &[Op], sc: &Scope) -> (Val, usize) {
        let attr_at = |i: usize| match ops.get(i) {
            Some(Op::Attr(a)) => Some(a.as_str()),
            _ => None,
        };
        match self.module_insts(inst, c) {
            Insts::Missing(v) => (v, 0),
            Insts::One(idx) => match attr_at(0) {
                Some(o) => ((*self.output(idx, o)).clone(), 1),
                None => (self.outputs_object(idx), 0),
            },
            Insts::Unknown(u, idx) => match (ops.first(), attr_at(1)) {
                (Some(Op::Index(_)), Some(o)) => {
                    let v = self.output(idx, o);
                    (unknown_from(&[&u, &*v]), 2)
                }
                _ => (u, 0),
            },
            Insts::List(idxs) => {
                if let (Some(Op::Index(e)), Some(o)) = (ops.first(), attr_at(1)) {
                    let k = self.eval(e, sc);
                    if let V::Num(n) = k.v
                        && n >= 0.0
                        && n.fract() == 0.0
                        && (n as usize) < idxs.len()
                    {
                        return ((*self.output(idxs[n as usize], o)).clone(), 2);
                    }
                }
                (
                    Val::tuple(idxs.iter().map(|i| self.outputs_object(*i)).collect()),
                    0,
                )
            }
            Insts::Map(pairs) => {
                if let (Some(Op::Index(e)), Some(o)) = (ops.first(), attr_at(1)) {
                    let k = self.eval(e, sc);
                    if let Some(k) = key_string(&k)
                        && let Some((_, i)) = pairs.iter().find(|(pk, _)| *pk == k)
                    {
                        return ((*self.output(*i, o)).clone(), 2);
                    }
                }
                (
                    Val::object(
                        pairs
                            .iter()
                            .map(|(k, i)| (k.clone(), self.outputs_object(*i)))
                            .collect(),
                    ),
                    0,
                )
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    fn find_resource(&self, inst: usize, mode: Mode, rtype: &str, name: &str) -> Option<usize> {
        self.inst(inst)
            .def
            .res_index
            .get(&(mode, rtype.to_string(), name.to_string()))
            .copied()
    }

    fn undeclared_resource(&self, inst: usize, mode: Mode, t: &str, n: &str) -> Val {
        let def = self.inst(inst).def;
        let names: Vec<String> = def
            .resources
            .iter()
            .filter(|r| r.mode == mode)
            .map(|r| format!("{}.{}", r.rtype, r.name))
            .collect();
        let what = match mode {
            Mode::Managed => "managed resource",
            Mode::Data => "data resource",
            Mode::Ephemeral => "ephemeral resource",
        };
        let full = format!("{t}.{n}");
        let prefix = match mode {
            Mode::Managed => "",
            Mode::Data => "data.",
            Mode::Ephemeral => "ephemeral.",
        };
        let hint = did_you_mean(&full, names.iter().map(String::as_str));
        Val::error(format!(
            "Reference to undeclared resource: a {what} \"{t}\" \"{n}\" has not been declared in {}.{}",
            if self.inst(inst).path.is_empty() {
                "the root module".to_string()
            } else {
                self.inst(inst).path.clone()
            },
            hint.replace("\"", &format!("\"{prefix}"))
                .replacen(&format!("\"{prefix}?"), "\"?", 1)
        ))
    }

    /// Resolves the head of a reference and returns (value, number of operators consumed).
    fn reference(&self, name: &str, ops: &[Op], sc: &Scope) -> (Rc<Val>, usize) {
        if let Some((_, v)) = sc.names.iter().rev().find(|(n, _)| n == name) {
            return (Rc::new(v.clone()), 0);
        }
        let attr = |i: usize| match ops.get(i) {
            Some(Op::Attr(a)) => Some(a.as_str()),
            _ => None,
        };
        // the values held in slots are shared, not copied
        match (name, attr(0), attr(1)) {
            ("var", Some(n), _) => return (self.var(sc.inst, n), 1),
            ("local", Some(n), _) => return (self.local(sc.inst, n), 1),
            ("data", Some(t), Some(n)) => {
                if let Some(k) = self.find_resource(sc.inst, Mode::Data, t, n) {
                    return (self.resource_value(sc.inst, k), 2);
                }
            }
            (t, Some(n), _)
                if !matches!(
                    t,
                    "count"
                        | "each"
                        | "path"
                        | "terraform"
                        | "self"
                        | "module"
                        | "ephemeral"
                        | "data"
                ) =>
            {
                if let Some(k) = self.find_resource(sc.inst, Mode::Managed, t, n) {
                    return (self.resource_value(sc.inst, k), 1);
                }
            }
            _ => {}
        }
        let (v, used) = self.reference_inner(name, ops, sc);
        (Rc::new(v), used)
    }

    fn reference_inner(&self, name: &str, ops: &[Op], sc: &Scope) -> (Val, usize) {
        let attr = |i: usize| match ops.get(i) {
            Some(Op::Attr(a)) => Some(a.as_str()),
            _ => None,
        };
        let inst = self.inst(sc.inst);
        match name {
            "var" => match attr(0) {
                Some(n) => ((*self.var(sc.inst, n)).clone(), 1),
                None => (Val::error("var must be followed by a variable name"), 0),
            },
            "local" => match attr(0) {
                Some(n) => ((*self.local(sc.inst, n)).clone(), 1),
                None => (Val::error("local must be followed by a name"), 0),
            },
            "count" => match (attr(0), &sc.count) {
                (Some("index"), Some(c)) => (c.clone(), 1),
                (Some("index"), None) => (
                    Val::error(
                        "Reference to \"count\" in non-counted context: count.index is allowed only in a resource or module block with count",
                    ),
                    1,
                ),
                _ => (Val::error("count has only the attribute index"), 1),
            },
            "each" => match (&sc.each, attr(0)) {
                (Some((k, _)), Some("key")) => (k.clone(), 1),
                (Some((_, v)), Some("value")) => (v.clone(), 1),
                (None, _) => (
                    Val::error("each.key and each.value are allowed only in a block with for_each"),
                    1,
                ),
                _ => (Val::error("each has only the attributes key and value"), 1),
            },
            "path" => match attr(0) {
                Some("module") => (Val::str(inst.rel_dir.clone()), 1),
                Some("root") => (Val::str("."), 1),
                // Terraform's working directory is the root module's, printed absolute
                Some("cwd") => (Val::str(self.root.to_string_lossy().replace('\\', "/")), 1),
                _ => (
                    Val::error("path has only the attributes module, root and cwd"),
                    1,
                ),
            },
            "terraform" => match attr(0) {
                Some("workspace") => (self.workspace.clone(), 1),
                Some("applying") => (Val::bool(false), 1),
                _ => (
                    Val::error("terraform has only the attributes workspace and applying"),
                    1,
                ),
            },
            "self" => (Val::unknown(Origin::other(OriginKind::Computed, "self")), 0),
            "module" => match attr(0) {
                Some(n) => match inst.def.calls.iter().find(|c| c.name == n) {
                    Some(c) => {
                        let (v, used) = self.module_ref(sc.inst, c, &ops[1..], sc);
                        (v, used + 1)
                    }
                    None => (
                        Val::error(format!(
                            "Reference to undeclared module: no module call named \"{n}\" is declared in this module.{}",
                            did_you_mean(n, inst.def.calls.iter().map(|c| c.name.as_str()))
                        )),
                        1,
                    ),
                },
                None => (
                    Val::error("module must be followed by a module call name"),
                    0,
                ),
            },
            "data" | "ephemeral" => {
                let mode = if name == "data" {
                    Mode::Data
                } else {
                    Mode::Ephemeral
                };
                match (attr(0), attr(1)) {
                    (Some(t), Some(n)) => match self.find_resource(sc.inst, mode, t, n) {
                        Some(k) => ((*self.resource_value(sc.inst, k)).clone(), 2),
                        None => (self.undeclared_resource(sc.inst, mode, t, n), 2),
                    },
                    _ => (
                        Val::error(format!("{name} must be followed by a type and a name")),
                        0,
                    ),
                }
            }
            t => match attr(0) {
                Some(n) => match self.find_resource(sc.inst, Mode::Managed, t, n) {
                    Some(k) => ((*self.resource_value(sc.inst, k)).clone(), 1),
                    None => (self.undeclared_resource(sc.inst, Mode::Managed, t, n), 1),
                },
                None => (
                    Val::error(format!(
                        "Invalid reference: \"{t}\" is not a known name (a resource reference needs a type and a name)"
                    )),
                    0,
                ),
            },
        }
    }

    fn get_attr(&self, v: &Val, a: &str) -> Val {
        match &v.v {
            V::Obj(m) => match m.get(a) {
                Some(x) => x.clone(),
                None => match crate::value::provider_attr(v, a) {
                    // not set in the configuration: the provider's (computed), at any depth
                    Some(origin) => Val::unknown(origin),
                    None if v.is_map() => Val::error(format!(
                        "Invalid index: the map has no element with the key \"{a}\""
                    )),
                    None => Val::error(format!(
                        "Unsupported attribute: this object does not have an attribute named \"{a}\".{}",
                        did_you_mean(a, m.keys().map(String::as_str))
                    )),
                },
            },
            V::Unknown(_) if matches!(&v.ty, Some(Ty::Obj(m)) if !m.contains_key(a)) => {
                Val::error(format!(
                    "Unsupported attribute: this object does not have an attribute named \"{a}\""
                ))
            }
            V::Unknown(o) => {
                // keep the origin precise: `aws_x.y` unknown → `aws_x.y.attr`
                let o = o
                    .iter()
                    .map(|o| {
                        let mut o = o.clone();
                        if o.res.is_some() && o.attr.is_empty() {
                            o.attr = a.to_string();
                        } else if o.res.is_some() && o.kind == OriginKind::Computed {
                            o.attr = format!("{}.{a}", o.attr);
                        }
                        o
                    })
                    .collect();
                Val::new(V::Unknown(o), None)
            }
            V::Null => Val::error(format!(
                "Attempt to get attribute \"{a}\" from a null value"
            )),
            V::List(_) => Val::error(format!(
                "Unsupported attribute: a {} has no attribute \"{a}\" (index it first, e.g. [0].{a}, or use [*].{a})",
                if v.is_set() { "set" } else { "list" }
            )),
            _ => Val::error(format!(
                "Unsupported attribute: a {} value has no attribute \"{a}\"",
                v.ty().show()
            )),
        }
    }

    fn index(&self, v: &Val, k: &Val) -> Val {
        if has_error(v) {
            return v.clone();
        }
        if has_error(k) {
            return k.clone();
        }
        if k.is_null() {
            return Val::error("Invalid index: a null value cannot be used as an index");
        }
        match &v.v {
            V::Unknown(_) | V::Template(_) => return unknown_from(&[v, k]),
            V::Null => return Val::error("Attempt to index a null value"),
            _ => {}
        }
        if k.is_unknown() {
            return unknown_from(&[v, k]);
        }
        match &v.v {
            V::List(_) if v.is_set() => Val::error(
                "Invalid index: elements of a set are identified only by their value and have no index; convert it with tolist() first",
            ),
            V::List(l) => {
                let n = match types::convert(k, &Con::Num) {
                    Ok(Val { v: V::Num(n), .. }) => n,
                    _ => {
                        return Val::error(format!(
                            "Invalid index: a number is required to index a list, not {}",
                            k.show()
                        ));
                    }
                };
                if n < 0.0 || n.fract() != 0.0 || n as usize >= l.len() {
                    return Val::error(format!(
                        "Invalid index: the given key does not identify an element in this collection value (index {}, {} element{})",
                        crate::value::fmt_num(n),
                        l.len(),
                        if l.len() == 1 { "" } else { "s" }
                    ));
                }
                l[n as usize].clone()
            }
            V::Obj(m) => match key_string(k) {
                Some(s) => match m.get(&s) {
                    Some(x) => x.clone(),
                    None if v.res.is_some() || v.within.is_some() => self.get_attr(v, &s),
                    None => Val::error(format!(
                        "Invalid index: the given key \"{s}\" does not identify an element in this collection value.{}",
                        did_you_mean(&s, m.keys().map(String::as_str))
                    )),
                },
                None => Val::error("Invalid index: a string key is required"),
            },
            _ => Val::error(format!(
                "Invalid index: a {} value cannot be indexed",
                v.ty().show()
            )),
        }
    }

    fn apply_ops(&self, mut v: Val, ops: &[Op], sc: &Scope) -> Val {
        for (i, op) in ops.iter().enumerate() {
            if has_error(&v) {
                return v;
            }
            v = match op {
                Op::Attr(a) => self.get_attr(&v, a),
                Op::Index(e) => {
                    let k = self.eval(e, sc);
                    self.index(&v, &k)
                }
                Op::Splat => return self.splat(v, &ops[i + 1..], sc),
                Op::AttrSplat(inner) => self.splat(v, inner, sc),
            };
        }
        v
    }

    /// A splat (hclsyntax SplatExpr): `each` applied to every element of a list, set or tuple; any
    /// other value is a one-element tuple, null an empty one (an error for a null sequence). Over an
    /// empty list or set the element type comes from `each` applied to an unknown element.
    fn splat(&self, v: Val, each: &[Op], sc: &Scope) -> Val {
        match &v.v {
            V::List(l) => {
                let items: Vec<Val> = l
                    .iter()
                    .map(|x| self.apply_ops(x.clone(), each, sc))
                    .collect();
                match &v.ty {
                    Some(Ty::List(et) | Ty::Set(et)) => {
                        let tys: Vec<Ty> = items.iter().map(Val::ty).collect();
                        let rt = if items.is_empty() {
                            self.ops_ty((**et).clone(), each, sc)
                        } else {
                            types::unify(&tys).unwrap_or(Ty::Dynamic)
                        };
                        Val::list(items, rt)
                    }
                    _ => Val::tuple(items),
                }
            }
            V::Null if matches!(v.ty, Some(Ty::List(_) | Ty::Set(_) | Ty::Tuple(_))) => Val::error(
                "Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences.",
            ),
            V::Null => Val::tuple(vec![]),
            V::Unknown(_) => unknown_from(&[&v]),
            _ => Val::tuple(vec![self.apply_ops(v.clone(), each, sc)]),
        }
    }

    /// The type `ops` give when applied to a value of type `t` (what HCL gets by evaluating a
    /// splat's traversal on an unknown element); `Dynamic` where it cannot tell.
    fn ops_ty(&self, t: Ty, ops: &[Op], sc: &Scope) -> Ty {
        let mut t = t;
        for (i, op) in ops.iter().enumerate() {
            t = match (op, t) {
                (Op::Attr(a), Ty::Obj(m)) => m.get(a).cloned().unwrap_or_default(),
                (Op::Attr(_), Ty::Map(e)) => *e,
                (Op::Index(_), Ty::List(e) | Ty::Map(e)) => *e,
                (Op::Index(k), Ty::Tuple(ts)) => match self.eval(k, sc).v {
                    V::Num(n) if n >= 0.0 && n.fract() == 0.0 => {
                        ts.get(n as usize).cloned().unwrap_or_default()
                    }
                    _ => Ty::Dynamic,
                },
                (Op::Index(k), Ty::Obj(m)) => match self.eval(k, sc).v {
                    V::Str(s) => m.get(&s).cloned().unwrap_or_default(),
                    _ => Ty::Dynamic,
                },
                (Op::Splat, t) => return self.splat_ty(t, &ops[i + 1..], sc),
                (Op::AttrSplat(inner), t) => self.splat_ty(t, inner, sc),
                _ => Ty::Dynamic,
            };
        }
        t
    }

    fn splat_ty(&self, t: Ty, each: &[Op], sc: &Scope) -> Ty {
        match t {
            Ty::List(e) | Ty::Set(e) => Ty::List(Box::new(self.ops_ty(*e, each, sc))),
            Ty::Tuple(ts) => Ty::Tuple(ts.into_iter().map(|t| self.ops_ty(t, each, sc)).collect()),
            Ty::Dynamic => Ty::Dynamic,
            t => Ty::Tuple(vec![self.ops_ty(t, each, sc)]),
        }
    }

    fn eval(&self, e: &Expr, sc: &Scope) -> Val {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        if steps > self.limit_steps.get() {
            return self.over_budget(e.span());
        }
        if let Some(v) = self.spent.borrow().as_ref() {
            return v.clone();
        }
        let v = self.eval_inner(e, sc);
        // what a reference or a function hands out is a copy: its size is charged each time
        if matches!(e, Expr::Var(..) | Expr::Traversal(..) | Expr::Call(..))
            && matches!(v.v, V::List(_) | V::Obj(_) | V::Str(_) | V::Template(_))
            && let Some(err) = self.charge(v.size(), e.span())
        {
            return err;
        }
        if has_error(&v) {
            locate(v, e.span())
        } else {
            v
        }
    }

    fn eval_inner(&self, e: &Expr, sc: &Scope) -> Val {
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
                        ObjKey::Expr(ke) => {
                            let kv = self.eval(ke, sc);
                            if has_error(&kv) {
                                return kv;
                            }
                            if kv.is_null() {
                                return err_at(
                                    "Invalid object key: a null value cannot be used as an object key",
                                    ke.span(),
                                );
                            }
                            match key_string(&kv) {
                                Some(s) => s,
                                None if kv.is_unknown() => return unknown_from(&[&kv]),
                                None => {
                                    return err_at(
                                        "Invalid object key: an object key must be a string",
                                        ke.span(),
                                    );
                                }
                            }
                        }
                    };
                    m.insert(key, self.eval(v, sc));
                }
                Val::new(V::Obj(m), at)
            }
            Expr::Var(n, _) => (*self.reference(n, &[], sc).0).clone().with_at(e.span()),
            Expr::Traversal(base, ops, _) => {
                let (v, used) = match &**base {
                    Expr::Var(n, _) => self.reference(n, ops, sc),
                    other => (Rc::new(self.eval(other, sc)), 0),
                };
                let rest = &ops[used.min(ops.len())..];
                // the first step reads the shared value in place: only the part asked for is copied
                let mut r = match rest.first() {
                    Some(Op::Attr(a)) if !has_error(&v) => {
                        let x = self.get_attr(&v, a);
                        self.apply_ops(x, &rest[1..], sc)
                    }
                    Some(Op::Index(ie)) if !has_error(&v) => {
                        let k = self.eval(ie, sc);
                        let x = self.index(&v, &k);
                        self.apply_ops(x, &rest[1..], sc)
                    }
                    _ => self.apply_ops((*v).clone(), rest, sc),
                };
                if r.at.is_none() || matches!(&**base, Expr::Var(..)) && used == 0 {
                    r.at = at;
                }
                r
            }
            Expr::Call(name, args, expand, _) => {
                let mut v = self.call(name, args, *expand, sc, e.span());
                v.at = at;
                v
            }
            Expr::Cond(c, a, b, _) => self.conditional(c, a, b, sc, e.span()),
            Expr::Not(x, _) => {
                let v = self.eval(x, sc);
                if has_error(&v) {
                    return v;
                }
                if v.is_unknown() {
                    return Val::unknown_typed(v.origins(), Ty::Bool);
                }
                match types::convert(&v, &Con::Bool) {
                    Ok(Val { v: V::Bool(b), .. }) => Val::new(V::Bool(!b), at),
                    _ => err_at(
                        format!(
                            "Invalid operand: a bool is required after !, not {}",
                            v.show()
                        ),
                        x.span(),
                    ),
                }
            }
            Expr::Neg(x, _) => {
                let v = self.eval(x, sc);
                if has_error(&v) {
                    return v;
                }
                if v.is_unknown() {
                    return Val::unknown_typed(v.origins(), Ty::Num);
                }
                match types::convert(&v, &Con::Num) {
                    Ok(Val { v: V::Num(n), .. }) => Val::new(V::Num(-n), at),
                    _ => err_at(
                        format!(
                            "Invalid operand: a number is required after -, not {}",
                            v.show()
                        ),
                        x.span(),
                    ),
                }
            }
            Expr::Binary(op, a, b, _) => self.binary(*op, a, b, sc).with_at(e.span()),
            Expr::For(f, _) => self.for_expr(f, sc).with_at(e.span()),
        }
    }

    fn conditional(&self, c: &Expr, a: &Expr, b: &Expr, sc: &Scope, span: Span) -> Val {
        let cv = self.eval(c, sc);
        if has_error(&cv) {
            return cv;
        }
        let (av, bv) = (self.eval(a, sc), self.eval(b, sc));
        // the result type: both results converted to one type (a literal null takes the other's)
        let (ta, tb) = (av.ty(), bv.ty());
        let is_dyn_null = |v: &Val| v.is_null() && v.ty.is_none();
        let rt = if is_dyn_null(&av) {
            Some(tb.clone())
        } else if is_dyn_null(&bv) || ta == Ty::Dynamic || tb == Ty::Dynamic {
            Some(if is_dyn_null(&bv) {
                ta.clone()
            } else {
                Ty::Dynamic
            })
        } else {
            types::unify(&[ta.clone(), tb.clone()])
        };
        let Some(rt) = rt else {
            if has_error(&av) || has_error(&bv) {
                // fall through: the chosen branch reports its own error
                return self.pick(&cv, av, bv, Ty::Dynamic, c, span);
            }
            return err_at(
                format!(
                    "Inconsistent conditional result types: the true result is {} and the false result is {}; both results must have the same type",
                    ta.show(),
                    tb.show()
                ),
                span,
            );
        };
        self.pick(&cv, av, bv, rt, c, span)
    }

    fn pick(&self, cv: &Val, av: Val, bv: Val, rt: Ty, c: &Expr, span: Span) -> Val {
        if cv.is_null() {
            return err_at(
                "Null condition: the condition value is null; conditions must be true or false",
                c.span(),
            );
        }
        if cv.is_unknown()
            && !av.has_unknown()
            && !bv.has_unknown()
            && av.ty() == bv.ty()
            && types::equals(&av, &bv) == Some(true)
        {
            return av;
        }
        if cv.is_unknown() {
            // both branches' references are kept so joins still work
            let mut o = cv.origins();
            merge_origins(&mut o, &av.origins());
            merge_origins(&mut o, &bv.origins());
            for v in [&av, &bv] {
                if let Some(r) = &v.res {
                    merge_origins(&mut o, &[Origin::computed(r, "")]);
                }
            }
            if o.is_empty() {
                o.push(Origin::other(OriginKind::Function, "condition"));
            }
            return Val::unknown_typed(o, rt);
        }
        let chosen = match types::convert(cv, &Con::Bool) {
            Ok(Val {
                v: V::Bool(true), ..
            }) => av,
            Ok(Val {
                v: V::Bool(false), ..
            }) => bv,
            _ => {
                return err_at(
                    format!(
                        "Incorrect condition type: the condition must be a bool, not {}",
                        cv.show()
                    ),
                    c.span(),
                );
            }
        };
        if has_error(&chosen) || rt == Ty::Dynamic {
            return chosen;
        }
        match types::convert(&chosen, &Con::from_ty(&rt)) {
            Ok(v) => v,
            Err(m) => err_at(format!("Inconsistent conditional result types: {m}"), span),
        }
    }

    fn binary(&self, op: BinOp, a: &Expr, b: &Expr, sc: &Scope) -> Val {
        let x = self.eval(a, sc);
        if has_error(&x) {
            return x;
        }
        // && and || decide from a known left operand without the right one (HCL ≥ 2.24)
        if matches!(op, BinOp::And | BinOp::Or) && x.is_null() && op == BinOp::And {
            return Val::bool(false);
        }
        if matches!(op, BinOp::And | BinOp::Or)
            && !x.is_unknown()
            && !x.is_null()
            && let Ok(Val { v: V::Bool(l), .. }) = types::convert(&x, &Con::Bool)
            && ((op == BinOp::And && !l) || (op == BinOp::Or && l))
        {
            return Val::bool(l);
        }
        let y = self.eval(b, sc);
        if has_error(&y) {
            return y;
        }
        match op {
            BinOp::Eq | BinOp::Ne => match types::equals(&x, &y) {
                Some(eq) => Val::bool(if op == BinOp::Eq { eq } else { !eq }),
                None => Val::unknown_typed(origins_or(&[&x, &y]), Ty::Bool),
            },
            BinOp::And | BinOp::Or => {
                let conv = |v: &Val, side: &str, e: &Expr| -> Result<Option<bool>, Val> {
                    if v.is_unknown() {
                        return Ok(None);
                    }
                    if v.is_null() {
                        return Ok(Some(false));
                    }
                    match types::convert(v, &Con::Bool) {
                        Ok(Val { v: V::Bool(b), .. }) => Ok(Some(b)),
                        _ => Err(err_at(
                            format!(
                                "Invalid operand: unsuitable value for {side} operand: a bool is required, not {}",
                                v.show()
                            ),
                            e.span(),
                        )),
                    }
                };
                let l = match conv(&x, "left", a) {
                    Ok(l) => l,
                    Err(e) => return e,
                };
                let r = match conv(&y, "right", b) {
                    Ok(r) => r,
                    Err(e) => return e,
                };
                match (l, r) {
                    (Some(l), Some(r)) => Val::bool(if op == BinOp::And { l && r } else { l || r }),
                    // one known operand can decide: false for &&, true for ||
                    (Some(k), None) | (None, Some(k)) if (op == BinOp::And) != k => Val::bool(k),
                    _ => Val::unknown_typed(origins_or(&[&x, &y]), Ty::Bool),
                }
            }
            _ => {
                let num = |v: &Val, side: &str, e: &Expr| -> Result<Option<f64>, Val> {
                    if v.is_unknown() {
                        return Ok(None);
                    }
                    match types::convert(v, &Con::Num) {
                        Ok(Val { v: V::Num(n), .. }) => Ok(Some(n)),
                        _ => Err(err_at(
                            format!(
                                "Invalid operand: unsuitable value for {side} operand: a number is required, not {}",
                                v.show()
                            ),
                            e.span(),
                        )),
                    }
                };
                let l = match num(&x, "left", a) {
                    Ok(l) => l,
                    Err(e) => return e,
                };
                let r = match num(&y, "right", b) {
                    Ok(r) => r,
                    Err(e) => return e,
                };
                let cmp = matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
                let (Some(l), Some(r)) = (l, r) else {
                    return Val::unknown_typed(
                        origins_or(&[&x, &y]),
                        if cmp { Ty::Bool } else { Ty::Num },
                    );
                };
                match op {
                    BinOp::Add => Val::num(l + r),
                    BinOp::Sub => Val::num(l - r),
                    BinOp::Mul => Val::num(l * r),
                    BinOp::Div if r == 0.0 => Val::error("Division by zero"),
                    BinOp::Div => Val::num(l / r),
                    // cty: x % 0 is x
                    BinOp::Mod if r == 0.0 => Val::num(l),
                    BinOp::Mod => Val::num(l % r),
                    BinOp::Lt => Val::bool(l < r),
                    BinOp::Le => Val::bool(l <= r),
                    BinOp::Gt => Val::bool(l > r),
                    BinOp::Ge => Val::bool(l >= r),
                    _ => Val::error("unsupported operator"),
                }
            }
        }
    }

    fn template(&self, parts: &[TPart], sc: &Scope) -> Result<Vec<Part>, Val> {
        let mut out = Vec::new();
        for p in parts {
            match p {
                TPart::Lit(s) => out.push(Part::Lit(s.clone())),
                TPart::Interp(e) => {
                    let v = self.eval(e, sc);
                    if has_error(&v) {
                        return Err(v);
                    }
                    match funcs::to_parts(&v) {
                        Ok(p) => out.extend(p),
                        Err(m) => {
                            return Err(err_at(
                                format!("Invalid template interpolation value: {m}"),
                                e.span(),
                            ));
                        }
                    }
                }
                TPart::If(c, a, b) => {
                    let cv = self.eval(c, sc);
                    if has_error(&cv) {
                        return Err(cv);
                    }
                    if cv.is_unknown() {
                        out.push(Part::Unknown(origins_or(&[&cv])));
                        continue;
                    }
                    match types::convert(&cv, &Con::Bool) {
                        Ok(Val {
                            v: V::Bool(true), ..
                        }) => out.extend(self.template(a, sc)?),
                        Ok(Val {
                            v: V::Bool(false), ..
                        }) => out.extend(self.template(b, sc)?),
                        _ => {
                            return Err(err_at(
                                "Invalid template if condition: a bool is required",
                                c.span(),
                            ));
                        }
                    }
                }
                TPart::For(k, v, coll, body) => {
                    let c = self.eval(coll, sc);
                    if has_error(&c) {
                        return Err(c);
                    }
                    match iter_pairs(&c) {
                        Ok(Some(pairs)) => {
                            for (kv, vv) in pairs {
                                if let Some(err) = self.charge(1, coll.span()) {
                                    return Err(err);
                                }
                                let mut s2 = sc.with(v, vv);
                                if let Some(k) = k {
                                    s2 = s2.with(k, kv);
                                }
                                out.extend(self.template(body, &s2)?);
                            }
                        }
                        Ok(None) => out.push(Part::Unknown(origins_or(&[&c]))),
                        Err(m) => {
                            return Err(err_at(
                                format!("Invalid template for directive: {m}"),
                                coll.span(),
                            ));
                        }
                    }
                }
            }
        }
        if funcs::parts_len(&out) > funcs::MAX_STRING_BYTES {
            return Err(Val::error(format!(
                "Invalid template: the string is longer than authwire's limit of {} MiB",
                funcs::MAX_STRING_BYTES / (1024 * 1024)
            )));
        }
        Ok(out)
    }

    fn for_expr(&self, f: &crate::ast::ForExpr, sc: &Scope) -> Val {
        let coll = self.eval(&f.coll, sc);
        if has_error(&coll) {
            return coll;
        }
        let pairs = match iter_pairs(&coll) {
            Ok(Some(p)) => p,
            Ok(None) => return unknown_from(&[&coll]),
            Err(m) => {
                return err_at(
                    format!("Iteration over an unsuitable value: {m}"),
                    f.coll.span(),
                );
            }
        };
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Val> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Val>> = BTreeMap::new();
        let mut unknown: Option<Vec<Origin>> = None;
        for (k, v) in pairs {
            if let Some(err) = self.charge(1, f.val_expr.span()) {
                return err;
            }
            let mut s2 = sc.with(&f.val_var, v);
            if let Some(kv) = &f.key_var {
                s2 = s2.with(kv, k);
            }
            if let Some(c) = &f.cond {
                let cv = self.eval(c, &s2);
                if has_error(&cv) {
                    return cv;
                }
                if cv.is_unknown() {
                    let o = unknown.get_or_insert_with(Vec::new);
                    merge_origins(o, &origins_or(&[&cv]));
                    continue;
                }
                match types::convert(&cv, &Con::Bool) {
                    Ok(Val {
                        v: V::Bool(true), ..
                    }) => {}
                    Ok(Val {
                        v: V::Bool(false), ..
                    }) => continue,
                    _ => {
                        return err_at(
                            format!(
                                "Invalid 'for' condition: the condition must be a bool, not {}",
                                cv.show()
                            ),
                            c.span(),
                        );
                    }
                }
            }
            let val = self.eval(&f.val_expr, &s2);
            match &f.key_expr {
                None => list.push(val),
                Some(ke) => {
                    let kv = self.eval(ke, &s2);
                    if has_error(&kv) {
                        return kv;
                    }
                    if kv.is_unknown() {
                        let o = unknown.get_or_insert_with(Vec::new);
                        merge_origins(o, &origins_or(&[&kv]));
                        continue;
                    }
                    let ks = match types::convert(&kv, &Con::Str) {
                        Ok(Val { v: V::Str(s), .. }) => s,
                        _ => {
                            return err_at(
                                format!(
                                    "Invalid object key: the key expression must produce a string, not {}",
                                    kv.show()
                                ),
                                ke.span(),
                            );
                        }
                    };
                    if f.grouping {
                        groups.entry(ks).or_default().push(val);
                    } else {
                        if map.contains_key(&ks) {
                            return err_at(
                                format!(
                                    "Duplicate object key: two different items produced the key \"{ks}\" in this 'for' expression; if duplicates are expected, add the ellipsis (...) after the value expression to group them"
                                ),
                                ke.span(),
                            );
                        }
                        map.insert(ks, val);
                    }
                }
            }
        }
        if let Some(o) = unknown {
            return Val::new(V::Unknown(o), None);
        }
        if f.key_expr.is_none() {
            Val::tuple(list)
        } else if f.grouping {
            Val::object(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, Val::tuple(v)))
                    .collect(),
            )
        } else {
            Val::object(map)
        }
    }

    // ---------------------------------------------------------------- functions

    fn call(&self, name: &str, args: &[Expr], expand: bool, sc: &Scope, span: Span) -> Val {
        let name = name
            .strip_prefix("core::")
            .or_else(|| name.strip_prefix("provider::terraform::"))
            .unwrap_or(name);
        match name {
            "try" | "can" => return self.try_can(name, args, sc, span),
            "templatefile" | "templatestring" => {
                return self.templatefile(name, args, sc, span);
            }
            "convert" if args.len() == 2 => {
                let v = self.eval(&args[0], sc);
                if has_error(&v) {
                    return v;
                }
                return match types::parse_con(&args[1], &|e| self.eval(e, sc)) {
                    Ok(c) => match types::convert(&v, &c) {
                        Ok(x) => x,
                        Err(m) => err_at(format!("Invalid function argument: {m}"), span),
                    },
                    Err(m) => err_at(format!("convert(): invalid type: {m}"), args[1].span()),
                };
            }
            _ => {}
        }
        let mut vals: Vec<Val> = args.iter().map(|a| self.eval(a, sc)).collect();
        if expand && let Some(last) = vals.pop() {
            match &last.v {
                V::List(l) => vals.extend(l.iter().cloned()),
                V::Unknown(_) => return unknown_from(&[&last]),
                _ => {
                    return err_at(
                        "Invalid expanding argument value: the expanding argument (...) must be a list, set or tuple",
                        span,
                    );
                }
            }
        }
        for v in &vals {
            if has_error(v) {
                return v.clone();
            }
        }
        let cx = funcs::Ctx {
            root: &self.root,
            rel_dir: &self.inst(sc.inst).rel_dir,
            scope: &self.loaded.read_scope,
            reads: &self.file_reads,
        };
        let v = funcs::call(name, vals, &cx);
        locate(v, span)
    }

    /// `try` and `can`: an argument that depends on unknown values makes the result unknown
    /// (Terraform cannot tell yet whether it fails); otherwise the first argument without an
    /// error wins.
    fn try_can(&self, name: &str, args: &[Expr], sc: &Scope, span: Span) -> Val {
        if args.is_empty() {
            return err_at(format!("{name}() needs at least one argument"), span);
        }
        if name == "can" && args.len() != 1 {
            return err_at("can() takes exactly one argument", span);
        }
        for a in args {
            // the references of the argument: if one of them is not wholly known, so is the result
            let mut unknown = Vec::new();
            self.traversal_values(a, sc, &mut |v: &Val| {
                if !has_error(v) && v.has_unknown() {
                    merge_origins(&mut unknown, &v.origins());
                }
            });
            if !unknown.is_empty() {
                // Terraform cannot decide yet; the argument's own unknowns are the best origins
                let full = self.eval(a, sc);
                if !has_error(&full) && full.has_unknown() {
                    unknown = full.origins();
                }
                return Val::unknown_typed(
                    unknown,
                    if name == "can" { Ty::Bool } else { Ty::Dynamic },
                );
            }
            let v = self.eval(a, sc);
            if name == "can" {
                return Val::bool(!has_error(&v));
            }
            if !has_error(&v) {
                return v;
            }
        }
        err_at(
            "Error in function call: try() found no argument that evaluated without an error",
            span,
        )
    }

    /// Calls `f` with the value of every reference in `e` (the whole static traversal:
    /// `local.cfg.x`, `var.a[0]`), as HCL's `try` looks at them.
    fn traversal_values(&self, e: &Expr, sc: &Scope, f: &mut dyn FnMut(&Val)) {
        match e {
            Expr::Var(..) => f(&self.eval(e, sc)),
            Expr::Traversal(base, ops, s) => {
                if let Expr::Var(..) = &**base {
                    // the static part: attributes and literal indexes
                    let n = ops
                        .iter()
                        .take_while(|o| {
                            matches!(o, Op::Attr(_))
                                || matches!(o, Op::Index(Expr::Num(..) | Expr::Str(..)))
                        })
                        .count();
                    let t = Expr::Traversal(base.clone(), ops[..n].to_vec(), *s);
                    f(&self.eval(&t, sc));
                } else {
                    self.traversal_values(base, sc, f);
                }
                for o in ops {
                    if let Op::Index(i) = o {
                        self.traversal_values(i, sc, f);
                    }
                }
            }
            Expr::Template(parts, _) => self.template_refs(parts, sc, f),
            Expr::Array(items, _) => items.iter().for_each(|x| self.traversal_values(x, sc, f)),
            Expr::Object(items, _) => {
                for (k, v) in items {
                    if let ObjKey::Expr(k) = k {
                        self.traversal_values(k, sc, f);
                    }
                    self.traversal_values(v, sc, f);
                }
            }
            Expr::Call(_, args, _, _) => args.iter().for_each(|x| self.traversal_values(x, sc, f)),
            Expr::Cond(a, b, c, _) => {
                self.traversal_values(a, sc, f);
                self.traversal_values(b, sc, f);
                self.traversal_values(c, sc, f);
            }
            Expr::Not(a, _) | Expr::Neg(a, _) => self.traversal_values(a, sc, f),
            Expr::Binary(_, a, b, _) => {
                self.traversal_values(a, sc, f);
                self.traversal_values(b, sc, f);
            }
            Expr::For(fe, _) => {
                // the collection, and references inside that are not the iteration variables
                self.traversal_values(&fe.coll, sc, f);
                let mut inner = Vec::new();
                if let Some(k) = &fe.key_expr {
                    inner.push(k);
                }
                inner.push(&fe.val_expr);
                if let Some(c) = &fe.cond {
                    inner.push(c);
                }
                let bound = |n: &str| n == fe.val_var || fe.key_var.as_deref() == Some(n);
                for x in inner {
                    let mut refs = Vec::new();
                    x.references(&mut refs);
                    if refs.iter().any(|r| bound(&r[0])) {
                        // values that depend on the iteration are checked when evaluated
                        continue;
                    }
                    self.traversal_values(x, sc, f);
                }
            }
            Expr::Null(_) | Expr::Bool(..) | Expr::Num(..) | Expr::Str(..) => {}
        }
    }

    fn template_refs(&self, parts: &[TPart], sc: &Scope, f: &mut dyn FnMut(&Val)) {
        for p in parts {
            match p {
                TPart::Lit(_) => {}
                TPart::Interp(e) => self.traversal_values(e, sc, f),
                TPart::If(c, a, b) => {
                    self.traversal_values(c, sc, f);
                    self.template_refs(a, sc, f);
                    self.template_refs(b, sc, f);
                }
                TPart::For(_, _, c, _) => self.traversal_values(c, sc, f),
            }
        }
    }

    /// `templatefile(path, vars)` / `templatestring(text, vars)`: the template is evaluated with
    /// only the given variables (and functions) in scope.
    fn templatefile(&self, name: &str, args: &[Expr], sc: &Scope, span: Span) -> Val {
        if args.len() != 2 {
            return err_at(format!("{name}() takes exactly two arguments"), span);
        }
        let first = self.eval(&args[0], sc);
        let vars = self.eval(&args[1], sc);
        for v in [&first, &vars] {
            if has_error(v) {
                return v.clone();
            }
        }
        let text = match (&first.v, name) {
            (V::Str(p), "templatefile") => {
                let cx = funcs::Ctx {
                    root: &self.root,
                    rel_dir: &self.inst(sc.inst).rel_dir,
                    scope: &self.loaded.read_scope,
                    reads: &self.file_reads,
                };
                match funcs::read_file(&cx, p) {
                    Ok(t) => t,
                    Err(v) => return locate(v, span),
                }
            }
            (V::Str(t), _) => t.clone(),
            (V::Unknown(_) | V::Template(_), _) => return unknown_from(&[&first]),
            _ => {
                return err_at(
                    format!("{name}(): the first argument must be a string"),
                    span,
                );
            }
        };
        let names: Vec<(String, Val)> = match &vars.v {
            V::Obj(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            V::Unknown(_) => return unknown_from(&[&vars]),
            V::Null => return err_at(format!("{name}(): the variables must not be null"), span),
            _ => {
                return err_at(
                    format!("{name}(): the second argument must be a map or object of variables"),
                    span,
                );
            }
        };
        self.render_template(name, &text, names, sc.inst, span)
    }

    /// Renders a template text with only `names` in scope (templatefile, templatestring, the
    /// template_file data source).
    fn render_template(
        &self,
        name: &str,
        text: &str,
        names: Vec<(String, Val)>,
        inst: usize,
        span: Span,
    ) -> Val {
        let parsed = match crate::load::hcl::parse_template_string(text, span) {
            Ok(e) => e,
            Err(m) => return err_at(format!("{name}(): the template is not valid: {m}"), span),
        };
        // only the given variables are in scope: references to anything else are errors
        let mut refs = Vec::new();
        parsed.references(&mut refs);
        for r in &refs {
            if !names.iter().any(|(n, _)| *n == r[0]) {
                return err_at(
                    format!(
                        "{name}(): the template refers to \"{}\", which is not among the variables given",
                        r[0]
                    ),
                    span,
                );
            }
        }
        let mut s2 = Scope::new(inst);
        s2.names = names;
        let v = self.eval(&parsed, &s2);
        if has_error(&v) {
            let msg = first_error(&v).map(|o| o.attr).unwrap_or_default();
            return err_at(format!("{name}(): {msg}"), span);
        }
        // the result of a template is always a string
        match &v.v {
            V::Str(_) | V::Template(_) | V::Unknown(_) => v,
            _ => match funcs::to_parts(&v) {
                Ok(p) => Val::new(funcs::from_parts(p), Some(span)),
                Err(m) => err_at(format!("{name}(): {m}"), span),
            },
        }
    }
}

fn origins_or(vals: &[&Val]) -> Vec<Origin> {
    let o = origins_of(vals);
    if o.is_empty() {
        vec![Origin::other(OriginKind::Function, "value not known")]
    } else {
        o
    }
}

/// The (key, value) pairs `for` and `dynamic` iterate: lists and tuples by index, sets by
/// element, maps and objects by key. `Ok(None)` when unknown.
fn iter_pairs(c: &Val) -> Result<Option<Vec<(Val, Val)>>, String> {
    match &c.v {
        V::List(l) if c.is_set() => {
            if l.iter().any(Val::has_unknown) {
                return Ok(None);
            }
            Ok(Some(l.iter().map(|v| (v.clone(), v.clone())).collect()))
        }
        V::List(l) => Ok(Some(
            l.iter()
                .enumerate()
                .map(|(i, v)| (Val::num(i as f64), v.clone()))
                .collect(),
        )),
        V::Obj(m) => Ok(Some(
            m.iter()
                .map(|(k, v)| (Val::str(k.clone()), v.clone()))
                .collect(),
        )),
        V::Null => Err("a null value cannot be iterated".into()),
        V::Unknown(_) => Ok(None),
        _ => Err(format!("a {} value cannot be iterated", c.ty().show())),
    }
}

/// A root module directory for a path given to `authwire eval`.
/// `path.module` as Terraform prints it when run in the root: the module directory relative to
/// the root directory (`.`, `modules/api`, `../mod`), whatever authwire's own current directory.
fn relative_path(root: &Path, dir: &Path) -> String {
    use std::path::Component;
    let (r, d): (Vec<Component>, Vec<Component>) =
        (root.components().collect(), dir.components().collect());
    let common = r.iter().zip(&d).take_while(|(a, b)| a == b).count();
    if common == 0 && root.is_absolute() != dir.is_absolute() {
        return crate::source::display_path(dir);
    }
    let mut parts: Vec<String> = r[common..].iter().map(|_| "..".to_string()).collect();
    parts.extend(
        d[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

pub fn root_for<'l>(loaded: &'l Loaded, path: &Path) -> Option<&'l PathBuf> {
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    loaded
        .roots
        .iter()
        .find(|r| **r == canon)
        .or_else(|| loaded.roots.first())
}
