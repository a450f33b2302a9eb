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
}

impl Origin {
    pub fn computed(res: &str, attr: &str) -> Origin {
        Origin {
            res: Some(res.to_string()),
            attr: attr.to_string(),
            kind: OriginKind::Computed,
        }
    }
    pub fn other(kind: OriginKind, what: impl Into<String>) -> Origin {
        Origin {
            res: None,
            attr: what.into(),
            kind,
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
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Lit(String),
    Unknown(Vec<Origin>),
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
#[derive(Clone, Debug, PartialEq)]
pub struct Val {
    pub v: V,
    pub at: Option<Span>,
    /// On the object of a resource instance: its full address (unset attributes read from it are
    /// unknown, with the resource as origin).
    pub res: Option<String>,
}

pub const MAX_ORIGINS: usize = 8;

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
    pub fn new(v: V, at: Option<Span>) -> Val {
        Val { v, at, res: None }
    }
    pub fn null() -> Val {
        Val {
            v: V::Null,
            at: None,
            res: None,
        }
    }
    pub fn str(s: impl Into<String>) -> Val {
        Val {
            v: V::Str(s.into()),
            at: None,
            res: None,
        }
    }
    pub fn unknown(o: Origin) -> Val {
        Val {
            v: V::Unknown(vec![o]),
            at: None,
            res: None,
        }
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
        Val {
            v,
            at: None,
            res: None,
        }
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

pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
