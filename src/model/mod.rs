//! The resolved model rules read (design §3): resource instances with evaluated attributes,
//! spans, regions, references, and indexes built once.

pub mod acm;
pub mod cognito;
pub mod http;
pub mod r53;
pub mod rest;
pub mod spans;
pub mod view;

use crate::load::module::Mode;
use crate::source::Span;
use crate::value::{Origin, V, Val};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Resource {
    /// Full instance address: `module.auth.aws_cognito_user_pool.this`, `aws_x.y["k"]`.
    pub address: String,
    /// Address without the instance key.
    pub base: String,
    /// Module path (`module.auth`), empty at the root.
    pub module: String,
    pub mode: Mode,
    pub rtype: String,
    pub name: String,
    /// Evaluated attributes and nested blocks (blocks as lists of objects).
    pub attrs: Val,
    /// Source spans: attribute path (`authorization_scopes`, `alias.0.name`, `scope.1`) → the
    /// whole attribute or block.
    pub spans: BTreeMap<String, Span>,
    /// The resource block.
    pub span: Option<Span>,
    pub region: Val,
    /// Full base addresses this resource refers to in its arguments.
    pub refs: BTreeSet<String>,
    /// Full base addresses in `depends_on`.
    pub depends_on: BTreeSet<String>,
    /// Per top-level argument, the full base addresses it refers to: kept only for the types
    /// in [`ATTR_REFS_TYPES`] (a deployment's `triggers` decide what redeploys it).
    pub attr_refs: BTreeMap<String, BTreeSet<String>>,
    /// Per top-level argument (same types), the resources it reads only the `id` of, directly
    /// (`aws_api_gateway_method.get.id`): an in-place change of such a resource keeps its id.
    pub attr_id_refs: BTreeMap<String, BTreeSet<String>>,
    /// The instance stands for an unknown number of instances (count/for_each unknown).
    pub unknown_count: bool,
}

impl Resource {
    pub fn get(&self, path: &str) -> Option<&Val> {
        self.attrs.get(path)
    }
    pub fn str(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(Val::as_str)
    }
    /// Span of an attribute or block, falling back to the resource block.
    pub fn span(&self, path: &str) -> Option<Span> {
        self.spans.get(path).copied().or(self.span)
    }
    /// Span of an attribute only if it is written in the configuration.
    pub fn attr_span(&self, path: &str) -> Option<Span> {
        self.spans.get(path).copied()
    }
    /// Direct dependencies: references and `depends_on` (base addresses or `module.x` prefixes).
    pub fn deps(&self) -> impl Iterator<Item = &String> {
        self.refs.iter().chain(self.depends_on.iter())
    }
    /// Declared by an API's OpenAPI `body` (see `openapi`), not by a resource block.
    pub fn from_body(&self) -> bool {
        self.name.ends_with(".body")
    }
    /// `lifecycle { create_before_destroy = true }` written with a known true.
    pub fn create_before_destroy(&self) -> bool {
        self.get("lifecycle.0.create_before_destroy")
            .and_then(Val::as_bool)
            .unwrap_or(false)
    }
    /// Whether this resource refers to (or depends on) `base`, a full base address, directly
    /// or through a `module.x` entry that contains it.
    pub fn depends_on_base(&self, base: &str) -> bool {
        self.deps().any(|d| dep_covers(d, base))
    }
    /// Nested blocks of a kind (one object or a list).
    pub fn blocks(&self, kind: &str) -> Vec<&Val> {
        self.get(kind).and_then(Val::items).unwrap_or_default()
    }
}

/// Resource types whose references are also kept per argument ([`Resource::attr_refs`]), and
/// which arguments (none listed: all).
pub const ATTR_REFS_TYPES: &[(&str, &[&str])] = &[
    ("aws_api_gateway_deployment", &[]),
    ("aws_apigatewayv2_deployment", &[]),
    ("aws_route53_record", &["name"]),
];

/// Whether the references of argument `attr` of a resource of type `rtype` are kept per argument.
pub fn keeps_attr_refs(rtype: &str, attr: &str) -> bool {
    ATTR_REFS_TYPES
        .iter()
        .any(|(t, attrs)| *t == rtype && (attrs.is_empty() || attrs.contains(&attr)))
}

/// Whether a dependency entry (a base address, or a `module.x` prefix) stands for `base`.
pub fn dep_covers(dep: &str, base: &str) -> bool {
    dep == base
        || (dep.starts_with("module.")
            && base.len() > dep.len()
            && base.starts_with(dep)
            && base.as_bytes()[dep.len()] == b'.')
}

#[derive(Default)]
pub struct Model {
    pub resources: Vec<Resource>,
    by_type: BTreeMap<String, Vec<usize>>,
    by_address: BTreeMap<String, usize>,
    by_base: BTreeMap<String, Vec<usize>>,
    /// Known `arn` / `id` / `name` values → resources (joins by value, e.g. a pool ARN passed in).
    by_value: BTreeMap<String, Vec<usize>>,
    /// Module calls whose source was not downloaded (registry/git without `terraform init`).
    pub missing_modules: Vec<crate::eval::MissingModule>,
    /// What file() and filebase64() read while evaluating: (the call as written, its text).
    pub file_reads: Vec<(String, String)>,
    /// APIs whose OpenAPI `body` is not known here (nothing of it could be checked).
    pub opaque_bodies: Vec<crate::openapi::OpaqueBody>,
    /// Certificate address → the domains that need it in us-east-1 (built on first use).
    pub us_east_1_index: std::sync::OnceLock<BTreeMap<String, Vec<usize>>>,
    /// Known `root_resource_id`s of the REST APIs (built on first use).
    pub root_resource_ids: std::sync::OnceLock<std::collections::HashSet<String>>,
}

/// The most resources one known `arn`/`id` value joins by value (`Model::links`).
pub const MAX_SHARED_VALUE: usize = 8;

impl Model {
    pub fn new(mut resources: Vec<Resource>) -> Model {
        resources.sort_by(|a, b| a.address.cmp(&b.address));
        let mut m = Model {
            resources,
            ..Default::default()
        };
        for (i, r) in m.resources.iter().enumerate() {
            m.by_type.entry(r.rtype.clone()).or_default().push(i);
            m.by_address.insert(r.address.clone(), i);
            m.by_base.entry(r.base.clone()).or_default().push(i);
            for key in ["arn", "id"] {
                if let Some(s) = r.str(key) {
                    m.by_value.entry(s.to_string()).or_default().push(i);
                }
            }
        }
        // AWS ids and ARNs are unique: a value a few resources share is one object read through
        // a data source and managed, or a copy; dozens sharing one is a degenerate input (a
        // plan of copied stacks), and joining every one with every other is quadratic in each
        // rule. Those values join by reference only.
        m.by_value.retain(|_, ix| ix.len() <= MAX_SHARED_VALUE);
        m
    }

    /// Managed resources of a type, in address order.
    pub fn resources_of<'a>(&'a self, rtype: &str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.by_type
            .get(rtype)
            .into_iter()
            .flatten()
            .map(|i| &self.resources[*i])
            .filter(|r| r.mode == Mode::Managed)
    }
    pub fn index_of(&self, address: &str) -> Option<usize> {
        self.by_address.get(address).copied()
    }
    pub fn resource(&self, address: &str) -> Option<&Resource> {
        self.by_address.get(address).map(|i| &self.resources[*i])
    }
    pub fn instances(&self, base: &str) -> impl Iterator<Item = &Resource> {
        self.by_base
            .get(base)
            .into_iter()
            .flatten()
            .map(|i| &self.resources[*i])
    }

    /// Resources a dependency entry stands for: a base address, or every resource in a module.
    fn dep_targets<'a>(&'a self, dep: &'a str) -> impl Iterator<Item = &'a Resource> + 'a {
        let direct = self.instances(dep);
        // every resource inside a module: only for `module.x` entries (a range scan over a
        // resource address would walk every address sharing its prefix)
        let start = if dep.starts_with("module.") {
            dep.to_string()
        } else {
            "\u{10FFFF}".to_string()
        };
        let in_module = self
            .by_base
            .range(start..)
            .take_while(move |(k, _)| k.starts_with(dep))
            .filter(move |(k, _)| matches!(k.as_bytes().get(dep.len()), Some(b'.') | Some(b'[')))
            .flat_map(|(_, ix)| ix.iter().map(|i| &self.resources[*i]));
        direct.chain(in_module)
    }

    /// True when Terraform creates `res` after the resource with base address `target`: a path of
    /// references or `depends_on` leads from one to the other.
    pub fn orders_after(&self, res: &Resource, target: &str) -> bool {
        let mut seen: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        let mut todo: Vec<&Resource> = vec![res];
        while let Some(r) = todo.pop() {
            for d in r.deps() {
                if d == target {
                    return true;
                }
                if !seen.insert(d.as_str()) {
                    continue;
                }
                for t in self.dep_targets(d) {
                    if t.base == target {
                        return true;
                    }
                    todo.push(t);
                }
            }
        }
        false
    }

    /// The resource an origin names (by instance address, else by base address).
    pub fn origin_resource(&self, o: &Origin) -> Option<&Resource> {
        let a = o.res.as_deref()?;
        self.resource(a).or_else(|| self.instances(a).next())
    }

    /// Resources of `rtype` (or `data.<rtype>` when `data` is set) a value points at: by reference
    /// (the origins of unknown parts) or by a known `arn`/`id` value.
    /// The resources whose known `arn` or `id` is `s` (at most `MAX_SHARED_VALUE`).
    pub fn with_value<'a>(&'a self, s: &str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.by_value
            .get(s)
            .into_iter()
            .flatten()
            .map(|i| &self.resources[*i])
    }

    pub fn links<'a>(&'a self, v: &Val, rtype: &str) -> Vec<&'a Resource> {
        let mut out: Vec<&Resource> = Vec::new();
        let mut push = |r: &'a Resource| {
            if r.rtype == rtype && !out.iter().any(|o| o.address == r.address) {
                out.push(r);
            }
        };
        for o in v.origins() {
            if let Some(r) = self.origin_resource(&o) {
                push(r);
            }
        }
        let mut strs = Vec::new();
        collect_strs(v, &mut strs);
        for s in strs {
            if let Some(ix) = self.by_value.get(s) {
                for i in ix {
                    push(&self.resources[*i]);
                }
            }
        }
        out
    }
}

fn collect_strs<'a>(v: &'a Val, out: &mut Vec<&'a str>) {
    match &v.v {
        V::Str(s) => out.push(s),
        V::List(l) => l.iter().for_each(|x| collect_strs(x, out)),
        _ => {}
    }
}

/// Lower-case, no trailing dot.
pub fn norm_host(h: &str) -> String {
    h.trim_end_matches('.').to_ascii_lowercase()
}

/// Wildcard coverage (rule catalogue §0.4): `*.x` covers exactly one more label.
pub fn covers(pattern: &str, name: &str) -> bool {
    let (p, n) = (norm_host(pattern), norm_host(name));
    if p == n {
        return true;
    }
    match p.strip_prefix("*.") {
        Some(suffix) if !suffix.contains('*') => n
            .strip_suffix(suffix)
            .and_then(|l| l.strip_suffix('.'))
            .is_some_and(|label| !label.is_empty() && !label.contains('.') && !label.contains('*')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::covers;
    #[test]
    fn wildcard_covers_one_label() {
        assert!(covers("*.example.com", "api.example.com"));
        assert!(covers("API.example.com.", "api.example.com"));
        assert!(!covers("*.example.com", "example.com"));
        assert!(!covers("*.example.com", "a.b.example.com"));
        assert!(!covers("a.*.example.com", "a.b.example.com"));
    }
}
