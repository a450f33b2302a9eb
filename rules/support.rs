//! Presentation helpers shared by rules: locations (`place`, `related`), texts (`origins_text`,
//! `names`, `did_you_mean`), the finding builder, and the shared scope check (`check_defined`,
//! on the Cognito joins of `model::cognito`). The joins themselves are on the typed views in
//! `src/model/`: nothing here reads the model by resource type or attribute path.

use crate::finding::{Finding, Related, Severity};
use crate::model::Resource;
use crate::model::cognito::ScopeIndex;
use crate::model::view::{Got, State, UserPool, list_of};
use crate::source::Span;
use crate::value::{Origin, Val};
use std::collections::BTreeSet;

/// Scopes every user pool grants without a resource server (user flows only).
pub const BUILTIN_SCOPES: &[&str] = &[
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

pub fn is_builtin(s: &str) -> bool {
    BUILTIN_SCOPES.contains(&s)
}

/// Where a finding about one element (or the whole value) of an attribute should point: the
/// element when it is written inside the resource, else the attribute, with a related location
/// where the value was set (variable default, tfvars, local).
pub fn place(res: &Resource, attr: &str, elem: Option<&Val>) -> (Option<Span>, Vec<Related>) {
    let attr_span = res.span(attr);
    match (elem.and_then(|e| e.at), res.span) {
        (Some(at), Some(block)) if block.contains(&at) => (Some(at), vec![]),
        (Some(at), _) => (
            attr_span,
            vec![Related {
                message: "the value is set here".into(),
                resource: res.address.clone(),
                location: Some(at),
            }],
        ),
        (None, _) => (attr_span, vec![]),
    }
}

pub fn related(res: &Resource, attr: &str, message: impl Into<String>) -> Related {
    Related {
        message: message.into(),
        resource: res.address.clone(),
        location: res.span(attr),
    }
}

pub fn origins_text(origins: &[Origin]) -> String {
    if origins.is_empty() {
        return "the value could not be evaluated".into();
    }
    origins
        .iter()
        .take(3)
        .map(Origin::describe)
        .collect::<Vec<_>>()
        .join("; ")
}

pub struct FindingBuilder {
    f: Finding,
}

pub fn finding(
    rule: &'static super::Meta,
    res: &Resource,
    message: impl Into<String>,
) -> FindingBuilder {
    FindingBuilder {
        f: Finding {
            rule: rule.id,
            severity: rule.severity,
            message: message.into(),
            help: String::new(),
            resource: res.address.clone(),
            location: res.span,
            related: vec![],
            path: String::new(),
            suppression: None,
        },
    }
}

impl FindingBuilder {
    /// A finding not tied to a resource instance of the model (a module call).
    pub fn new(
        rule: &'static super::Meta,
        address: &str,
        location: Option<Span>,
        message: String,
    ) -> FindingBuilder {
        FindingBuilder {
            f: Finding {
                rule: rule.id,
                severity: rule.severity,
                message,
                help: String::new(),
                resource: address.to_string(),
                location,
                related: vec![],
                path: String::new(),
                suppression: None,
            },
        }
    }
    pub fn at(mut self, loc: Option<Span>) -> Self {
        if loc.is_some() {
            self.f.location = loc;
        }
        self
    }
    pub fn place(mut self, p: (Option<Span>, Vec<Related>)) -> Self {
        if p.0.is_some() {
            self.f.location = p.0;
        }
        self.f.related.extend(p.1);
        self
    }
    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.f.help = h.into();
        self
    }
    pub fn related(mut self, r: Related) -> Self {
        self.f.related.push(r);
        self
    }
    pub fn severity(mut self, s: Severity) -> Self {
        self.f.severity = s;
        self
    }
    /// "Cannot verify": a note naming the unknown value.
    pub fn note(self) -> Self {
        self.severity(Severity::Note)
    }
    pub fn push(self, out: &mut Vec<Finding>) {
        let mut f = self.f;
        // values from the configuration reach messages: no terminal escapes in any report
        f.message = crate::finding::escape_controls(&f.message);
        f.help = crate::finding::escape_controls(&f.help);
        for r in f.related.iter_mut() {
            r.message = crate::finding::escape_controls(&r.message);
        }
        out.push(f);
    }
}

pub fn names<R: std::ops::Deref<Target = Resource>>(rs: &[R]) -> String {
    rs.iter()
        .map(|r| r.address.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest defined name, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    s: &str,
    known: impl IntoIterator<Item = &'a String>,
) -> Option<&'a String> {
    known
        .into_iter()
        .map(|k| (edit_distance(s, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

/// Checks that every scope of a scope list (`scopes`, an attribute of a method, route or client)
/// is defined by a resource server of one of `pools` (what the rule is about is said by
/// `subject`, e.g. "PUT /orders/{id}").
/// How a scope list is read by `check_defined`.
#[derive(Clone, Copy)]
pub struct Scopes {
    /// Built-in scopes (`openid`, `email`, …) count as defined.
    pub allow_builtin: bool,
    /// A token with any one of the scopes passes (methods and routes; not app clients).
    pub any_of: bool,
}

pub fn check_defined<T>(
    meta: &'static super::Meta,
    scopes: &Got<'_, T>,
    subject: &str,
    pools: &[UserPool<'_>],
    index: &ScopeIndex,
    how: Scopes,
    out: &mut Vec<Finding>,
) {
    let Scopes {
        allow_builtin,
        any_of,
    } = how;
    let (res, attr) = (scopes.res, scopes.attr);
    // a list, strictly: anything else is a value not known here
    let items = match list_of(res, attr).state {
        State::Known(i, _) => i,
        State::Default(_) | State::Absent => return,
        State::Unknown(v) => {
            finding(meta, res, format!("cannot verify the scopes of {subject}: {}", origins_text(&v.origins())))
                .place(place(res, attr, Some(v)))
                .help("make the scope list known at plan time (literals, variables with values, or scope_identifiers references)")
                .note()
                .push(out);
            return;
        }
    };
    let d = index.defined(pools);
    let pool_names = names(pools);
    // a method or route passes a token carrying any one of its scopes (`any_of`): an undefined
    // scope beside a defined one refuses nobody
    let usable: Vec<&str> = items
        .iter()
        .filter_map(|it| it.as_str())
        .filter(|s| d.known.contains(*s) || (allow_builtin && is_builtin(s)))
        .collect();
    // resource server identifiers: of these pools, and anywhere in the configuration
    let pool_ids: BTreeSet<String> = d
        .servers
        .iter()
        .filter_map(|srv| srv.identifier().into_known().map(str::to_string))
        .collect();
    let any_ids = &index.identifiers;
    for it in items {
        let Some(s) = it.as_str() else {
            finding(
                meta,
                res,
                format!(
                    "cannot verify a scope of {subject}: {}",
                    origins_text(&it.origins())
                ),
            )
            .place(place(res, attr, Some(it)))
            .help("make the scope known at plan time")
            .note()
            .push(out);
            continue;
        };
        if d.known.contains(s) || (allow_builtin && is_builtin(s)) {
            continue;
        }
        if !d.unknown.is_empty() {
            finding(
                meta,
                res,
                format!(
                    "cannot verify scope {s} of {subject}: {}",
                    origins_text(&d.unknown)
                ),
            )
            .place(place(res, attr, Some(it)))
            .help("give the resource servers literal identifiers and scope names")
            .note()
            .push(out);
            continue;
        }
        let ident = s.rsplit_once('/').map(|(i, _)| i.to_string());
        // an identifier no resource server of the configuration has, and not a typo of one: the
        // pool's resource servers may be managed elsewhere
        let foreign = !index.pools_by_scope.contains_key(s)
            && ident.as_ref().is_some_and(|i| {
                // an identifier two edits from a resource server's is its typo; further away
                // (api-stage.example.org beside api.example.org) it is another resource server
                !any_ids.contains(i) && !pool_ids.iter().any(|p| edit_distance(i, p) <= 2)
            });
        if foreign {
            let i = ident.unwrap_or_default();
            finding(meta, res, format!("cannot verify scope {s} of {subject}: no resource server in this configuration has the identifier {i}; if it is managed elsewhere for user pool {pool_names}, check it there, otherwise Cognito never issues the scope and callers are refused (401)"))
                .place(place(res, attr, Some(it)))
                .help("define the resource server here (aws_cognito_resource_server) and reference its scope_identifiers, or lint the configuration that manages it")
                .note()
                .push(out);
            continue;
        }
        // beside a usable scope, an undefined one refuses only the callers that hold the scope it
        // was meant to be (a typo of a defined scope the list does not name)
        let meant = did_you_mean(s, &d.known).filter(|k| !usable.contains(&k.as_str()));
        let partial = any_of && !usable.is_empty();
        let mut msg = if partial {
            let who = match meant {
                Some(k) => format!(", so callers granted {k} (probably meant) are refused (401)"),
                None => String::new(),
            };
            format!(
                "{subject} lists scope {s}, which no resource server of user pool {pool_names} defines; Cognito never issues it, so only tokens with {} pass{who}",
                usable.join(" or ")
            )
        } else {
            format!(
                "{subject} uses scope {s}, which no resource server of user pool {pool_names} defines; Cognito never issues it, so every call is refused (401)"
            )
        };
        if s.contains(char::is_whitespace) {
            msg.push_str(" (a scope cannot contain spaces)");
        }
        // defined, but in another pool: the join is what is wrong
        let elsewhere: Vec<&str> = index
            .pools_by_scope
            .get(s)
            .into_iter()
            .flatten()
            .filter(|pool| !pools.iter().any(|p| &p.address == *pool))
            .map(String::as_str)
            .collect();
        if !elsewhere.is_empty() {
            msg.push_str(&format!(
                "; it is defined in pool {} instead: the reference to the pool is probably what is wrong",
                elsewhere.join(", ")
            ));
        }
        let mut help = match did_you_mean(s, &d.known) {
            Some(k) => format!("Did you mean {k}? "),
            None => String::new(),
        };
        if d.known.is_empty() {
            help.push_str("Define it with an aws_cognito_resource_server in that pool (scope = identifier/scope_name).");
        } else {
            help.push_str(&format!(
                "Defined there: {}. Better, reference aws_cognito_resource_server.<name>.scope_identifiers.",
                d.known.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        let mut f = finding(meta, res, msg)
            .place(place(res, attr, Some(it)))
            .help(help);
        if partial && meant.is_none() {
            f = f.note();
        }
        for srv in &d.servers {
            let defined: Vec<&str> = srv
                .scope_identifiers()
                .into_known()
                .unwrap_or_default()
                .iter()
                .filter_map(|v| v.as_str())
                .collect();
            let id = srv.identifier();
            f = f.related(related(
                id.res,
                id.attr,
                format!("resource server defines {}", defined.join(", ")),
            ));
        }
        if d.servers.is_empty() {
            for p in pools {
                f = f.related(Related {
                    message: "user pool has no resource server in this configuration".into(),
                    resource: p.address.clone(),
                    location: p.span,
                });
            }
        }
        f.push(out);
    }
}

pub fn in_zone(name: &str, zone: &str) -> bool {
    name == zone || name.ends_with(&format!(".{zone}"))
}

/// The A records (plain or alias) for the parent of a Cognito custom domain.
pub fn parent_of(domain: &str) -> Option<String> {
    let d = crate::model::norm_host(domain);
    d.split_once('.').map(|(_, p)| p.to_string())
}

/// The REST authorizers of type COGNITO_USER_POOLS; an authorizer whose type is not known here
/// gets the rule's "cannot verify" note instead (the rules about Cognito authorizers share this).
pub fn cognito_authorizers<'m>(
    cx: &mut super::context::Cx<'m>,
) -> Vec<crate::model::view::RestAuthorizer<'m>> {
    use crate::model::rest::RestAuthorizerType;
    use crate::model::view::RestAuthorizer;
    let mut out = Vec::new();
    for a in cx.m.all::<RestAuthorizer>() {
        let kind = a.kind();
        match kind.known() {
            Some(RestAuthorizerType::CognitoUserPools) => out.push(a),
            Some(_) => {}
            None => cx.cannot_verify(
                &kind,
                format!("whether {} is a Cognito authorizer", a.address),
                "make the authorizer type known at plan time",
            ),
        }
    }
    out
}

/// A mapping's domain (a key naming it, and its name for messages), when known, and its path.
pub type MappedPath<'a> = (Option<(String, String)>, Got<'a, &'a str>);

/// The key and display name of a mapping's domain: its known name, else the domain resource it
/// refers to (by that resource's known name, else its address).
pub fn mapped_domain(
    written: Option<&str>,
    linked: Option<(&Resource, Option<&str>)>,
) -> Option<(String, String)> {
    match written {
        Some(n) => Some((crate::model::norm_host(n), n.to_string())),
        None => linked.map(|(d, name)| {
            let name = name.unwrap_or(&d.address);
            (crate::model::norm_host(name), name.to_string())
        }),
    }
}

/// Mappings of one custom domain that claim the same path (`api_mapping_key`, `base_path`): API
/// Gateway keeps one mapping per path of a domain and refuses the next one (`ConflictException`).
/// `mappings`: each mapping's domain (a key naming it, and its name for messages) when known, and
/// its path as views read it (unknown paths are skipped: they decide nothing here).
pub fn report_duplicate_paths(cx: &mut super::context::Cx, mappings: &[MappedPath<'_>]) {
    let mut seen: std::collections::BTreeMap<(&str, &str), &Resource> =
        std::collections::BTreeMap::new();
    for (domain, path) in mappings {
        let (Some((key, name)), Some(p)) = (domain, path.known()) else {
            continue;
        };
        match seen.get(&(key.as_str(), *p)) {
            None => {
                seen.insert((key.as_str(), *p), path.res);
            }
            Some(first) => {
                let shown = if p.is_empty() {
                    "the domain's root (no path)".to_string()
                } else {
                    format!("path \"{p}\"")
                };
                cx.report(path, None, format!("{} and {} both map {shown} of custom domain {name}; a domain has one mapping per path, so API Gateway refuses the second (ConflictException)", first.address, path.res.address))
                    .related(related(first, path.attr, "the first mapping of that path"))
                    .help("give each mapping its own path (api_mapping_key / base_path), or map one stage only")
                    .emit(cx);
            }
        }
    }
}
