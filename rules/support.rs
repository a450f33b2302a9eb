//! Joins and location helpers shared by rules. Rules read the model only.

use crate::finding::{Finding, Related, Severity};
use crate::model::cognito::ScopeIndex;
use crate::model::view::{Got, State, UserPool, list_of};
use crate::model::{Model, Resource};
use crate::source::Span;
use crate::value::{Origin, Val};
use std::collections::BTreeMap;

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
        out.push(self.f);
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
pub fn check_defined<T>(
    meta: &'static super::Meta,
    scopes: &Got<'_, T>,
    subject: &str,
    pools: &[UserPool<'_>],
    index: &ScopeIndex,
    allow_builtin: bool,
    out: &mut Vec<Finding>,
) {
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
        let mut msg = format!(
            "{subject} uses scope {s}, which no resource server of user pool {pool_names} defines; Cognito never issues it, so every call is refused (401)"
        );
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

/// Route 53 records by their (normalized) fqdn, and whether some record's name is unknown.
pub fn records_by_fqdn(model: &Model) -> (BTreeMap<String, Vec<&Resource>>, bool) {
    let mut m: BTreeMap<String, Vec<&Resource>> = BTreeMap::new();
    let mut unknown = false;
    for r in model.resources_of("aws_route53_record") {
        match r.str("fqdn") {
            Some(f) => m.entry(crate::model::norm_host(f)).or_default().push(r),
            None => unknown = true,
        }
    }
    (m, unknown)
}

/// The zones the configuration's records are written into, by (normalized) name.
pub fn managed_zones(model: &Model) -> BTreeMap<String, &Resource> {
    let mut z = BTreeMap::new();
    for r in model.resources_of("aws_route53_record") {
        if let Some(zid) = r.get("zone_id") {
            for zone in model.links(zid, "aws_route53_zone") {
                if let Some(n) = zone.str("name") {
                    z.entry(crate::model::norm_host(n)).or_insert(zone);
                }
            }
        }
    }
    z
}

pub fn in_zone(name: &str, zone: &str) -> bool {
    name == zone || name.ends_with(&format!(".{zone}"))
}

/// The A records (plain or alias) for the parent of a Cognito custom domain.
pub fn parent_of(domain: &str) -> Option<String> {
    let d = crate::model::norm_host(domain);
    d.split_once('.').map(|(_, p)| p.to_string())
}

/// The certificate a consumer's ARN points at, and its region.
pub enum CertRef<'a> {
    /// A certificate resource or data source of the configuration, with its region.
    Resource(&'a Resource, &'a Val),
    /// A literal ARN: its region field.
    Arn(String),
    Unknown(Vec<Origin>),
}

pub fn cert_of<'a>(model: &'a Model, v: &'a Val) -> CertRef<'a> {
    if let Some(c) = model.links(v, "aws_acm_certificate").into_iter().next() {
        return CertRef::Resource(c, &c.region);
    }
    if let Some(s) = v.as_str() {
        let parts: Vec<&str> = s.split(':').collect();
        if parts.len() >= 6 && parts[0] == "arn" && parts[2] == "acm" && !parts[3].is_empty() {
            return CertRef::Arn(parts[3].to_string());
        }
        return CertRef::Unknown(vec![Origin::other(
            crate::value::OriginKind::Error,
            format!("{s} is not an ACM certificate ARN"),
        )]);
    }
    CertRef::Unknown(v.origins())
}

/// Endpoint type of a REST custom domain: REGIONAL, EDGE (the default), or unknown.
pub fn rest_endpoint_type(d: &Resource) -> Option<&str> {
    match d.get("endpoint_configuration.0.types").and_then(Val::items) {
        None => Some("EDGE"),
        Some(t) if t.is_empty() => Some("EDGE"),
        Some(t) => t[0].as_str(),
    }
}

/// Checks that the certificate in `attr` of `res` is in `want` (a region value). `why` is the
/// AWS behaviour; `need` says which region and why, for messages.
#[allow(clippy::too_many_arguments)]
pub fn check_cert_region(
    meta: &'static super::Meta,
    model: &Model,
    res: &Resource,
    attr: &str,
    want: &Val,
    need: &str,
    why: &str,
    out: &mut Vec<Finding>,
) {
    let Some(v) = res.get(attr).filter(|v| !v.is_null()) else {
        return;
    };
    let (region, cert) = match cert_of(model, v) {
        CertRef::Resource(c, r) => (r.clone(), Some(c)),
        CertRef::Arn(r) => (Val::str(r), None),
        CertRef::Unknown(o) => {
            finding(
                meta,
                res,
                format!(
                    "cannot verify the region of the certificate of {}: {}",
                    res.address,
                    origins_text(&o)
                ),
            )
            .at(res.span(attr))
            .help(format!("the certificate's region matters: {need}"))
            .note()
            .push(out);
            return;
        }
    };
    match (region.as_str(), want.as_str()) {
        (Some(have), Some(w)) if have == w => {}
        (Some(have), Some(w)) => {
            let mut f = finding(meta, res, format!(
                "{} uses a certificate in {have}, but it must be in {w} because {need}; {why}", res.address))
                .place(place(res, attr, Some(v)))
                .help(format!("request the certificate with a provider in {w} (e.g. provider = aws.{}) and use that one", w.replace('-', "_")));
            if let Some(c) = cert {
                f = f.related(related(
                    c,
                    "domain_name",
                    format!("certificate created in {have}"),
                ));
            }
            f.push(out);
        }
        _ => {
            let mut o = region.origins();
            o.extend(want.origins());
            finding(
                meta,
                res,
                format!(
                    "cannot verify the region of the certificate of {} ({need}): {}",
                    res.address,
                    origins_text(&o)
                ),
            )
            .at(res.span(attr))
            .help("set the provider region explicitly (provider \"aws\" { region = ... })")
            .note()
            .push(out);
        }
    }
}

/// Certificate consumers: (resource type, host name attribute, certificate attributes).
pub const CERT_CONSUMERS: [(&str, &str, &[&str]); 3] = [
    (
        "aws_cognito_user_pool_domain",
        "domain",
        &["certificate_arn"],
    ),
    (
        "aws_api_gateway_domain_name",
        "domain_name",
        &["regional_certificate_arn", "certificate_arn"],
    ),
    (
        "aws_apigatewayv2_domain_name",
        "domain_name",
        &["domain_name_configuration.0.certificate_arn"],
    ),
];

/// `aws_acm_certificate_validation` resources by the certificate they validate.
pub fn validations_by_cert(model: &Model) -> BTreeMap<String, Vec<&Resource>> {
    let mut m: BTreeMap<String, Vec<&Resource>> = BTreeMap::new();
    for v in model.resources_of("aws_acm_certificate_validation") {
        if let Some(a) = v.get("certificate_arn") {
            for c in model.links(a, "aws_acm_certificate") {
                m.entry(c.address.clone()).or_default().push(v);
            }
        }
    }
    m
}

/// Route 53 records made from a certificate's `domain_validation_options`, by certificate.
pub fn validation_records(model: &Model) -> BTreeMap<String, Vec<&Resource>> {
    let mut recs: BTreeMap<String, Vec<&Resource>> = BTreeMap::new();
    for r in model.resources_of("aws_route53_record") {
        for o in r.get("name").map(|v| v.origins()).unwrap_or_default() {
            if o.attr.starts_with("domain_validation_options")
                && let Some(c) = model.origin_resource(&o)
            {
                let e = recs.entry(c.address.clone()).or_default();
                if !e.iter().any(|x| x.address == r.address) {
                    e.push(r);
                }
            }
        }
    }
    recs
}

/// Known names of a certificate (domain_name ∪ SANs), normalized.
pub fn cert_names(cert: &Resource) -> Vec<String> {
    let mut v: Vec<String> = cert
        .str("domain_name")
        .map(crate::model::norm_host)
        .into_iter()
        .collect();
    for s in cert
        .get("subject_alternative_names")
        .and_then(Val::items)
        .unwrap_or_default()
    {
        if let Some(s) = s.as_str() {
            v.push(crate::model::norm_host(s));
        }
    }
    v
}

/// The us-east-1 consumers (Cognito custom domains, EDGE REST domains) of a certificate.
pub fn us_east_1_consumers<'a>(model: &'a Model, cert: &Resource) -> Vec<&'a Resource> {
    // built once per model: certificate address → the domains that need it in us-east-1
    let index = model.us_east_1_index.get_or_init(|| {
        let mut by_cert: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut add = |d: &Resource| {
            if let Some(c) = d.get("certificate_arn") {
                for x in model.links(c, "aws_acm_certificate") {
                    if let Some(i) = model.index_of(&d.address) {
                        by_cert.entry(x.address.clone()).or_default().push(i);
                    }
                }
            }
        };
        for d in model.resources_of("aws_cognito_user_pool_domain") {
            if d.str("domain").is_some_and(|x| x.contains('.')) {
                add(d);
            }
        }
        for d in model.resources_of("aws_api_gateway_domain_name") {
            if rest_endpoint_type(d) == Some("EDGE") {
                add(d);
            }
        }
        by_cert
    });
    index
        .get(&cert.address)
        .map(|ix| ix.iter().map(|i| &model.resources[*i]).collect())
        .unwrap_or_default()
}
