//! Three-valued values (design §2): known values, `Unknown` with the origins it came from, and
//! `Template` strings whose literal parts are known while some parts are not.

use crate::source::Span;
use std::collections::BTreeMap;

/// Why a value is unknown, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// Full address of the resource instance the value comes from, when it comes from one
    /// (`module.auth.aws_cognito_user_pool.this`, `data.aws_route53_zone.zone`).
    pub res: Option<String>,
    /// Attribute path on that resource (`arn`), or the name of the variable, function, …
    pub attr: String,
    pub kind: OriginKind,
    /// For errors: where the failing expression is.
    pub at: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OriginKind {
    /// A provider-computed attribute: known only after apply.
    Computed,
    /// A value read by a data source during plan.
    Data,
    /// An input variable with no default and no value given.
    Variable,
    /// A function authwire does not evaluate.
    Function,
    /// The expression could not be evaluated (an error Terraform itself would report, or a cycle).
    Error,
    /// A value the environment decides (provider region from AWS_REGION, …).
    Environment,
    /// A function whose result changes on every apply (`timestamp()`, `uuid()`, `bcrypt()`).
    Volatile,
    /// An ephemeral resource or variable: never stored, never known before apply.
    Ephemeral,
    /// A module Terraform has not downloaded (registry or git source without `terraform init`).
    Module,
    /// A root variable left at an empty-string default, a placeholder the pipeline fills with
    /// `-var` (lint only: `authwire eval` shows `""` as Terraform does).
    Placeholder,
    /// A hash of a file that does not exist yet (`filebase64sha256("build/lambda.zip")`): a build
    /// artifact a script makes before `terraform apply`, after a pre-commit linter runs.
    Artifact,
}

impl Origin {
    pub fn computed(res: &str, attr: &str) -> Origin {
        Origin {
            res: Some(res.to_string()),
            attr: attr.to_string(),
            kind: OriginKind::Computed,
            at: None,
        }
    }
    pub fn other(kind: OriginKind, what: impl Into<String>) -> Origin {
        Origin {
            res: None,
            attr: what.into(),
            kind,
            at: None,
        }
    }
    /// `aws_x.y.arn` style name.
    pub fn name(&self) -> String {
        match &self.res {
            Some(r) if self.attr.is_empty() => r.clone(),
            Some(r) => format!("{r}.{}", self.attr),
            None => self.attr.clone(),
        }
    }
    pub fn describe(&self) -> String {
        match self.kind {
            OriginKind::Computed => format!("{} is known only after apply", self.name()),
            OriginKind::Data => format!("{} is read from AWS by a data source", self.name()),
            OriginKind::Variable => format!("{} has no value in this configuration", self.name()),
            OriginKind::Function => {
                format!("function {}() is not evaluated by authwire", self.attr)
            }
            OriginKind::Error => self.attr.clone(),
            OriginKind::Environment => format!("{} is decided by the environment", self.attr),
            OriginKind::Volatile => format!("{} changes on every apply", self.attr),
            OriginKind::Ephemeral => {
                format!("{} is ephemeral (never known before apply)", self.name())
            }
            OriginKind::Module => self.attr.clone(),
            OriginKind::Placeholder if self.attr.ends_with("(default null)") => format!(
                "{} has no value here: pass the real value with --var/--var-file to check",
                self.name()
            ),
            OriginKind::Placeholder => format!(
                "{} is empty here (its default is \"\"): pass the real value with --var/--var-file to check",
                self.name()
            ),
            OriginKind::Artifact => format!(
                "{} reads a file that does not exist yet (a build artifact made before apply?)",
                self.attr
            ),
        }
    }
}

/// The origin of an attribute a resource value does not hold: the provider's (computed, or read
/// by a data source), named by the resource address and the attribute path. `None` when the value
/// is not (inside) a resource instance's value.
pub fn provider_attr(v: &Val, attr: &str) -> Option<Origin> {
    let (addr, path) = match (&v.within, &v.res) {
        (Some(w), _) => (w.0.as_str(), format!("{}.{attr}", w.1)),
        (None, Some(addr)) => (addr.as_str(), attr.to_string()),
        (None, None) => return None,
    };
    let data = addr.starts_with("data.") || addr.contains(".data.");
    Some(Origin {
        res: Some(addr.to_string()),
        attr: path,
        kind: if data {
            OriginKind::Data
        } else {
            OriginKind::Computed
        },
        at: None,
    })
}

/// Marks the objects nested in a resource instance's attribute value (at any depth, through
/// lists) with the instance's address and their attribute path.
pub fn mark_within(v: &mut Val, addr: &str, path: &str) {
    let nested = |x: &Val| matches!(x.v, V::Obj(_) | V::List(_));
    if matches!(v.v, V::Obj(_)) && !v.is_map() {
        v.within = Some(Box::new((addr.to_string(), path.to_string())));
    }
    match &mut v.v {
        V::Obj(m) => {
            for (k, x) in m.iter_mut().filter(|(_, x)| nested(x)) {
                mark_within(x, addr, &format!("{path}.{k}"));
            }
        }
        V::List(l) => {
            for (i, x) in l.iter_mut().enumerate().filter(|(_, x)| nested(x)) {
                mark_within(x, addr, &format!("{path}.{i}"));
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Lit(String),
    Unknown(Vec<Origin>),
}

/// A Terraform (cty) type. `Dynamic` is `any`, or a type not known yet.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Ty {
    #[default]
    Dynamic,
    Bool,
    Num,
    Str,
    List(Box<Ty>),
    Set(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    Obj(BTreeMap<String, Ty>),
}

impl Ty {
    /// Terraform's own spelling (`list(string)`, `object({a=string})`).
    pub fn show(&self) -> String {
        match self {
            Ty::Dynamic => "any".into(),
            Ty::Bool => "bool".into(),
            Ty::Num => "number".into(),
            Ty::Str => "string".into(),
            Ty::List(e) => format!("list({})", e.show()),
            Ty::Set(e) => format!("set({})", e.show()),
            Ty::Map(e) => format!("map({})", e.show()),
            Ty::Tuple(t) => format!(
                "tuple([{}])",
                t.iter().map(Ty::show).collect::<Vec<_>>().join(", ")
            ),
            Ty::Obj(m) => format!(
                "object({{{}}})",
                m.iter()
                    .map(|(k, v)| format!("{k}={}", v.show()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    /// True when the type has no `Dynamic` part.
    pub fn is_whole(&self) -> bool {
        match self {
            Ty::Dynamic => false,
            Ty::Bool | Ty::Num | Ty::Str => true,
            Ty::List(e) | Ty::Set(e) | Ty::Map(e) => e.is_whole(),
            Ty::Tuple(t) => t.iter().all(Ty::is_whole),
            Ty::Obj(m) => m.values().all(Ty::is_whole),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<Val>),
    Obj(BTreeMap<String, Val>),
    Unknown(Vec<Origin>),
    Template(Vec<Part>),
}

/// A value and the span of the expression that produced it (if any).
#[derive(Clone, Debug)]
pub struct Val {
    pub v: V,
    pub at: Option<Span>,
    /// On the object of a resource instance: its full address (unset attributes read from it are
    /// unknown, with the resource as origin).
    pub res: Option<String>,
    /// The collection type when it is not implied by the value: `None` on a `List` is a tuple,
    /// `Some(List(_))`/`Some(Set(_))` a list or set; `None` on an `Obj` is an object,
    /// `Some(Map(_))` a map; on `Null` and `Unknown` the type, when known.
    pub ty: Option<Ty>,
    /// On an object nested in a resource instance's value (an attribute, a list element, a
    /// block): the instance's address and the attribute path (`branch`, `rules.0`). Attributes
    /// the configuration does not set are the provider's: unknown, never an error.
    pub within: Option<Box<(String, String)>>,
}

/// Structural equality of values and their types; where a value was written does not matter.
impl PartialEq for Val {
    fn eq(&self, other: &Val) -> bool {
        self.v == other.v && self.ty == other.ty
    }
}

pub const MAX_ORIGINS: usize = 16;

pub fn merge_origins(into: &mut Vec<Origin>, more: &[Origin]) {
    for o in more {
        if into.len() >= MAX_ORIGINS {
            break;
        }
        if !into.contains(o) {
            into.push(o.clone());
        }
    }
}

impl Val {
    /// How many values this one holds, itself included (the evaluation budget's measure of a
    /// value's size).
    pub fn size(&self) -> u64 {
        match &self.v {
            V::List(l) => 1 + l.iter().map(Val::size).sum::<u64>(),
            V::Obj(m) => 1 + m.values().map(Val::size).sum::<u64>(),
            V::Str(s) => 1 + s.len() as u64 / 64,
            V::Template(p) => 1 + crate::eval::funcs::parts_len(p) as u64 / 64,
            _ => 1,
        }
    }

    pub fn new(v: V, at: Option<Span>) -> Val {
        Val {
            v,
            at,
            res: None,
            ty: None,
            within: None,
        }
    }
    pub fn typed(v: V, ty: Option<Ty>) -> Val {
        Val {
            v,
            at: None,
            res: None,
            ty,
            within: None,
        }
    }
    pub fn null() -> Val {
        Val::new(V::Null, None)
    }
    pub fn bool(b: bool) -> Val {
        Val::new(V::Bool(b), None)
    }
    pub fn num(n: f64) -> Val {
        Val::new(V::Num(n), None)
    }
    pub fn str(s: impl Into<String>) -> Val {
        Val::new(V::Str(s.into()), None)
    }
    /// A tuple (what `[...]` makes).
    pub fn tuple(items: Vec<Val>) -> Val {
        Val::new(V::List(items), None)
    }
    /// A list of `elem`.
    pub fn list(items: Vec<Val>, elem: Ty) -> Val {
        Val::typed(V::List(items), Some(Ty::List(Box::new(elem))))
    }
    /// An object (what `{...}` makes).
    pub fn object(m: BTreeMap<String, Val>) -> Val {
        Val::new(V::Obj(m), None)
    }
    /// A map of `elem`.
    pub fn map(m: BTreeMap<String, Val>, elem: Ty) -> Val {
        Val::typed(V::Obj(m), Some(Ty::Map(Box::new(elem))))
    }
    pub fn unknown(o: Origin) -> Val {
        Val::new(V::Unknown(vec![o]), None)
    }
    /// Unknown of a known type, with the origins of `from`.
    pub fn unknown_typed(origins: Vec<Origin>, ty: Ty) -> Val {
        Val::typed(
            V::Unknown(origins),
            if ty == Ty::Dynamic { None } else { Some(ty) },
        )
    }
    /// The value's Terraform type (`Dynamic` where not known).
    pub fn ty(&self) -> Ty {
        match (&self.v, &self.ty) {
            (_, Some(t)) => t.clone(),
            (V::Null | V::Unknown(_), None) => Ty::Dynamic,
            (V::Bool(_), None) => Ty::Bool,
            (V::Num(_), None) => Ty::Num,
            (V::Str(_) | V::Template(_), None) => Ty::Str,
            (V::List(l), None) => Ty::Tuple(l.iter().map(Val::ty).collect()),
            // a resource object: its full schema (computed attributes) is the provider's
            (V::Obj(_), None) if self.res.is_some() => Ty::Dynamic,
            (V::Obj(m), None) => Ty::Obj(m.iter().map(|(k, v)| (k.clone(), v.ty())).collect()),
        }
    }
    pub fn is_set(&self) -> bool {
        matches!(self.ty, Some(Ty::Set(_))) && matches!(self.v, V::List(_))
    }
    pub fn is_map(&self) -> bool {
        matches!(self.ty, Some(Ty::Map(_))) && matches!(self.v, V::Obj(_))
    }
    pub fn error(msg: impl Into<String>) -> Val {
        Val::unknown(Origin::other(OriginKind::Error, msg))
    }
    pub fn with_at(mut self, at: Span) -> Val {
        if self.at.is_none() {
            self.at = Some(at);
        }
        self
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.v {
            V::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match &self.v {
            V::Bool(b) => Some(*b),
            V::Str(s) if s == "true" => Some(true),
            V::Str(s) if s == "false" => Some(false),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self.v, V::Null)
    }
    pub fn is_unknown(&self) -> bool {
        matches!(self.v, V::Unknown(_) | V::Template(_))
    }
    /// Unknown at the top or anywhere inside.
    pub fn has_unknown(&self) -> bool {
        match &self.v {
            V::Unknown(_) | V::Template(_) => true,
            V::List(l) => l.iter().any(Val::has_unknown),
            V::Obj(m) => m.values().any(Val::has_unknown),
            _ => false,
        }
    }
    /// Every origin of unknown parts, shallow first.
    pub fn origins(&self) -> Vec<Origin> {
        let mut out = Vec::new();
        self.collect_origins(&mut out);
        out
    }
    fn collect_origins(&self, out: &mut Vec<Origin>) {
        match &self.v {
            V::Unknown(o) => merge_origins(out, o),
            V::Template(parts) => {
                for p in parts {
                    if let Part::Unknown(o) = p {
                        merge_origins(out, o);
                    }
                }
            }
            V::List(l) => l.iter().for_each(|v| v.collect_origins(out)),
            V::Obj(m) => m.values().for_each(|v| v.collect_origins(out)),
            _ => {}
        }
    }
    /// Elements of a list (a single object counts as a one-element list: nested blocks given
    /// as one JSON object). Null is empty. `None` when unknown or not a collection.
    pub fn items(&self) -> Option<Vec<&Val>> {
        match &self.v {
            V::List(l) => Some(l.iter().collect()),
            V::Obj(_) => Some(vec![self]),
            V::Null => Some(vec![]),
            _ => None,
        }
    }
    /// Attribute of an object; numeric segments index lists. `alias.0.name`.
    pub fn get(&self, path: &str) -> Option<&Val> {
        let mut cur = self;
        for seg in path.split('.').filter(|s| !s.is_empty()) {
            cur = match &cur.v {
                V::Obj(m) => {
                    if let Ok(i) = seg.parse::<usize>() {
                        if i == 0 && !m.contains_key(seg) {
                            cur
                        } else {
                            m.get(seg)?
                        }
                    } else {
                        m.get(seg)?
                    }
                }
                V::List(l) => {
                    if let Ok(i) = seg.parse::<usize>() {
                        l.get(i)?
                    } else if l.len() == 1 {
                        // `alias.name` on a one-element block list
                        match &l[0].v {
                            V::Obj(m) => m.get(seg)?,
                            _ => return None,
                        }
                    } else {
                        return None;
                    }
                }
                _ => return None,
            };
        }
        Some(cur)
    }
    /// Short human text of a value for messages.
    pub fn show(&self) -> String {
        match &self.v {
            V::Null => "null".into(),
            V::Bool(b) => b.to_string(),
            V::Num(n) => fmt_num(*n),
            V::Str(s) => format!("\"{s}\""),
            V::List(l) => format!(
                "[{}]",
                l.iter().map(Val::show).collect::<Vec<_>>().join(", ")
            ),
            V::Obj(_) => "{…}".into(),
            V::Unknown(_) => "(known after apply)".into(),
            V::Template(parts) => {
                let mut s = String::from("\"");
                for p in parts {
                    match p {
                        Part::Lit(l) => s.push_str(l),
                        Part::Unknown(_) => s.push_str("${…}"),
                    }
                }
                s.push('"');
                s
            }
        }
    }
    /// Converts a JSON value (plan values) into a Val.
    pub fn from_json(j: &serde_json::Value) -> Val {
        let v = match j {
            serde_json::Value::Null => V::Null,
            serde_json::Value::Bool(b) => V::Bool(*b),
            serde_json::Value::Number(n) => V::Num(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => V::Str(s.clone()),
            serde_json::Value::Array(a) => V::List(a.iter().map(Val::from_json).collect()),
            serde_json::Value::Object(o) => V::Obj(
                o.iter()
                    .map(|(k, v)| (k.clone(), Val::from_json(v)))
                    .collect(),
            ),
        };
        Val::new(v, None)
    }
    /// Known value → JSON; `None` if anything inside is unknown.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match &self.v {
            V::Null => serde_json::Value::Null,
            V::Bool(b) => serde_json::Value::Bool(*b),
            V::Num(n) => {
                if n.fract() == 0.0 && n.abs() < 9e15 {
                    serde_json::Value::from(*n as i64)
                } else {
                    serde_json::Number::from_f64(*n)
                        .map(serde_json::Value::Number)
                        .unwrap_or(serde_json::Value::Null)
                }
            }
            V::Str(s) => serde_json::Value::String(s.clone()),
            V::List(l) => {
                serde_json::Value::Array(l.iter().map(Val::to_json).collect::<Option<Vec<_>>>()?)
            }
            V::Obj(m) => serde_json::Value::Object(
                m.iter()
                    .map(|(k, v)| Some((k.clone(), v.to_json()?)))
                    .collect::<Option<serde_json::Map<_, _>>>()?,
            ),
            V::Unknown(_) | V::Template(_) => return None,
        })
    }
}

/// A canonical text of a value (for ordering set elements and messages).
pub fn show_json(v: &Val) -> String {
    match v.to_json() {
        Some(j) => j.to_string(),
        None => v.show(),
    }
}

pub fn fmt_num(n: f64) -> String {
    // cty prints numbers in full decimal, never with an exponent
    if n == 0.0 { "0".into() } else { format!("{n}") }
}
