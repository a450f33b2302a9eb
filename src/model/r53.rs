//! Views of Route 53 records and zones: accessors, provider defaults, joins. Also the few
//! accessors the Route 53 rules need on the views of other services (the DNS targets of API and
//! Cognito custom domains, the APIs' default endpoints), as free functions: those view types
//! belong to their own services' files.

use super::rest::EndpointType;
pub use super::view::related_at;
use super::view::*;
use super::{Model, Resource};
use crate::finding::Related;
use crate::source::Span;
use crate::value::Val;
use std::collections::BTreeMap;

/// `aws_route53_record.type`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordType {
    A,
    Aaaa,
    Caa,
    Cname,
    Ds,
    Https,
    Mx,
    Naptr,
    Ns,
    Ptr,
    Soa,
    Spf,
    Srv,
    Sshfp,
    Svcb,
    Tlsa,
    Txt,
    Other(String),
}

impl Vocab for RecordType {
    fn parse(s: &str) -> Self {
        match s {
            "A" => RecordType::A,
            "AAAA" => RecordType::Aaaa,
            "CAA" => RecordType::Caa,
            "CNAME" => RecordType::Cname,
            "DS" => RecordType::Ds,
            "HTTPS" => RecordType::Https,
            "MX" => RecordType::Mx,
            "NAPTR" => RecordType::Naptr,
            "NS" => RecordType::Ns,
            "PTR" => RecordType::Ptr,
            "SOA" => RecordType::Soa,
            "SPF" => RecordType::Spf,
            "SRV" => RecordType::Srv,
            "SSHFP" => RecordType::Sshfp,
            "SVCB" => RecordType::Svcb,
            "TLSA" => RecordType::Tlsa,
            "TXT" => RecordType::Txt,
            o => RecordType::Other(o.to_string()),
        }
    }
}

impl RecordType {
    /// The provider's spelling (anything else as written).
    pub fn as_str(&self) -> &str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
            RecordType::Caa => "CAA",
            RecordType::Cname => "CNAME",
            RecordType::Ds => "DS",
            RecordType::Https => "HTTPS",
            RecordType::Mx => "MX",
            RecordType::Naptr => "NAPTR",
            RecordType::Ns => "NS",
            RecordType::Ptr => "PTR",
            RecordType::Soa => "SOA",
            RecordType::Spf => "SPF",
            RecordType::Srv => "SRV",
            RecordType::Sshfp => "SSHFP",
            RecordType::Svcb => "SVCB",
            RecordType::Tlsa => "TLSA",
            RecordType::Txt => "TXT",
            RecordType::Other(s) => s,
        }
    }
    /// An address record (A or AAAA): what an alias to a distribution or API domain is.
    pub fn is_address(&self) -> bool {
        matches!(self, RecordType::A | RecordType::Aaaa)
    }
}

impl std::fmt::Display for RecordType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// True when an attribute's state is an unknown value (not known before apply), as opposed to a
/// value of the wrong kind.
pub fn is_unknown<T>(g: &Got<'_, T>) -> bool {
    matches!(g.state, State::Unknown(v) if v.is_unknown())
}

/// True when a value is unknown and none of its origins is a resource of the configuration:
/// nothing tells what it will be (a variable without a value, a function authwire does not
/// evaluate).
pub fn unknown_from_nowhere(m: &Model, v: &Val) -> bool {
    v.is_unknown() && v.origins().iter().all(|o| m.origin_resource(o).is_none())
}

/// Where `depends_on` is written on a resource, if it is.
pub fn depends_on_span(r: &Resource) -> Option<Span> {
    r.attr_span("depends_on")
}

/// The resources of `T` a value reads, each with the attribute path it reads (`""`: the whole
/// object), in the order of the value's origins (a resource may appear once per attribute).
pub fn origin_views<'a, T: View<'a>>(m: &'a Model, v: &Val) -> Vec<(T, String)> {
    v.origins()
        .into_iter()
        .filter_map(|o| {
            let r = m.origin_resource(&o)?;
            (r.rtype == T::TYPE).then(|| (T::of(r), o.attr))
        })
        .collect()
}

/// The attributes of `res` a value reads: the last segment of each path
/// (`domain_name_configuration.0.target_domain_name` → `target_domain_name`).
pub fn attrs_read_of(m: &Model, v: &Val, res: &Resource) -> Vec<String> {
    v.origins()
        .into_iter()
        .filter(|o| {
            m.origin_resource(o)
                .is_some_and(|r| r.address == res.address)
        })
        .map(|o| o.attr.rsplit('.').next().unwrap_or("").to_string())
        .collect()
}

// ------------------------------------------------------------------------------ records

impl<'a> Record<'a> {
    /// `name` as written, whatever its value (for locations and origins).
    pub fn name_value(self) -> Got<'a, &'a Val> {
        raw(self.0, "name")
    }
    /// The resources the `name` argument refers to (through locals and module inputs).
    pub fn name_refs(self) -> impl Iterator<Item = &'a String> {
        self.0.attr_refs.get("name").into_iter().flatten()
    }
    /// `name` as written (relative to the zone or fully qualified).
    pub fn name(self) -> Got<'a, &'a str> {
        text(self.0, "name", None)
    }
    pub fn kind(self) -> Got<'a, RecordType> {
        vocab(self.0, "type", None)
    }
    /// The full name: `fqdn` as the provider computes it from `name` and the zone's name (the
    /// model writes it, normalized, when it knows both; a plan gives it as is). When it is
    /// missing because `name` or `zone_id` is unknown, that attribute, unknown.
    pub fn fqdn(self) -> Got<'a, &'a str> {
        let f = text(self.0, "fqdn", None);
        if f.is_set() {
            return f;
        }
        let name = self.name();
        if name.is_unknown() {
            return name;
        }
        if name.known().is_some() {
            // the model writes `fqdn` when it knows the zone (or the name is fully qualified)
            let zone = text(self.0, "zone_id", None);
            if zone.is_unknown() {
                return zone;
            }
        }
        f
    }
    pub fn ttl(self) -> Got<'a, f64> {
        number(self.0, "ttl", None)
    }
    /// `records`: the values of a plain record.
    pub fn records(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "records")
    }
    /// The `alias` block (empty or absent: not an alias record).
    pub fn alias(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "alias")
    }
    /// True when the record has an alias block (an unknown block counts as none, as the rules
    /// have always read it).
    pub fn has_alias(self) -> bool {
        self.alias().known().is_some_and(|a| !a.is_empty())
    }
    /// `alias.name`: the target of an alias record.
    pub fn alias_name(self) -> Got<'a, &'a Val> {
        raw(self.0, "alias.0.name")
    }
    /// `alias.zone_id`: the hosted zone of the alias target.
    pub fn alias_zone_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "alias.0.zone_id")
    }
    /// `alias.evaluate_target_health` (required by the provider; no default).
    pub fn alias_evaluate_target_health(self) -> Got<'a, bool> {
        flag(self.0, "alias.0.evaluate_target_health", None)
    }
    /// The record's target: the alias name, else the first of `records` (with where it is).
    pub fn target(self) -> Option<Got<'a, &'a Val>> {
        let alias = self.alias_name();
        if !alias.is_absent() {
            return Some(alias);
        }
        let recs = self.records();
        let first = recs.known().and_then(|r| r.first().copied())?;
        Some(element(self.0, "records", first))
    }
    /// Every target of the record: the alias name, then each element of `records`.
    pub fn targets(self) -> Vec<Got<'a, &'a Val>> {
        let mut out = Vec::new();
        let alias = self.alias_name();
        if !alias.is_absent() {
            out.push(alias);
        }
        if let Some(items) = self.records().known() {
            for v in items {
                out.push(element(self.0, "records", v));
            }
        }
        out
    }
    pub fn zone_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "zone_id")
    }
    /// The zones (managed or data sources) `zone_id` points at.
    pub fn zones(self, m: &'a Model) -> Vec<Zone<'a>> {
        linked(m, self.0.get("zone_id"))
    }
    /// The zone `zone_id` points at, if any.
    pub fn zone(self, m: &'a Model) -> Option<Zone<'a>> {
        self.zones(m).into_iter().next()
    }
    pub fn allow_overwrite(self) -> Got<'a, bool> {
        flag(self.0, "allow_overwrite", Some(false))
    }
    /// Its address inside its module (`module.dns.aws_route53_record.apex` → `aws_route53_record.apex`),
    /// as a `depends_on` entry of the same module spells it.
    pub fn local_address(self) -> String {
        let base = &self.0.base;
        base.rsplit_once(&format!(".{}", Record::TYPE))
            .map_or(base.clone(), |(_, r)| format!("{}{r}", Record::TYPE))
    }
    /// True when Terraform creates `res` after this record (references or `depends_on`).
    pub fn created_before(self, m: &Model, res: &Resource) -> bool {
        m.orders_after(res, &self.0.base)
    }
}

/// Route 53 records by their (normalized) fqdn, and whether some record's full name is unknown
/// (records whose fqdn is not known are left out).
pub fn records_by_fqdn(m: &Model) -> (BTreeMap<String, Vec<Record<'_>>>, bool) {
    let mut out: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    let mut unknown = false;
    for r in m.all::<Record>() {
        match r.0.get("fqdn").and_then(Val::as_str) {
            Some(f) => out.entry(super::norm_host(f)).or_default().push(r),
            None => unknown = true,
        }
    }
    (out, unknown)
}

/// The zones the configuration's records are written into, by (normalized) name.
pub fn zones_by_name(m: &Model) -> BTreeMap<String, Zone<'_>> {
    let mut z = BTreeMap::new();
    for r in m.all::<Record>() {
        for zone in r.zones(m) {
            if let Some(n) = zone.name().known() {
                z.entry(super::norm_host(n)).or_insert(zone);
            }
        }
    }
    z
}

// ------------------------------------------------------------------------------ zones

impl<'a> Zone<'a> {
    pub fn name(self) -> Got<'a, &'a str> {
        text(self.0, "name", None)
    }
    pub fn zone_id(self) -> Got<'a, &'a str> {
        text(self.0, "zone_id", None)
    }
    /// A private zone: a data source's `private_zone` (default false), a managed zone's `vpc`
    /// blocks.
    pub fn private_zone(self) -> Got<'a, bool> {
        if self.0.mode == crate::load::module::Mode::Data {
            return flag(self.0, "private_zone", Some(false));
        }
        items(self.0, "vpc").map(|v| !v.is_empty())
    }
    /// The records written into this zone.
    pub fn records(self, m: &'a Model) -> Vec<Record<'a>> {
        m.all::<Record>()
            .filter(|r| r.zones(m).iter().any(|z| z.0.address == self.0.address))
            .collect()
    }
}

// ------------------------------------------------- other services' views, as DNS targets

/// What a DNS record for a custom domain must alias: the domain's attributes for the target
/// name and its hosted zone, and the kind of domain (for messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DomainTarget {
    pub name_attr: &'static str,
    pub zone_attr: &'static str,
    pub kind: &'static str,
}

/// The target of a REST custom domain of an endpoint type (none for PRIVATE or unknown types).
pub fn rest_domain_target(e: &EndpointType) -> Option<DomainTarget> {
    match e {
        EndpointType::Regional => Some(DomainTarget {
            name_attr: "regional_domain_name",
            zone_attr: "regional_zone_id",
            kind: "REGIONAL",
        }),
        EndpointType::Edge => Some(DomainTarget {
            name_attr: "cloudfront_domain_name",
            zone_attr: "cloudfront_zone_id",
            kind: "EDGE",
        }),
        _ => None,
    }
}

/// The target of an HTTP API custom domain (`domain_name_configuration`).
pub fn http_domain_target() -> DomainTarget {
    DomainTarget {
        name_attr: "target_domain_name",
        zone_attr: "hosted_zone_id",
        kind: "HTTP API",
    }
}

/// True when a value reads something of an API Gateway resource (REST or HTTP API).
pub fn reads_api_gateway(v: &Val) -> bool {
    v.origins().iter().any(|o| {
        o.res
            .as_deref()
            .is_some_and(|r| r.contains("aws_api_gateway") || r.contains("aws_apigatewayv2"))
    })
}

/// An API's default execute-api endpoint a value reads (a REST API, a REST stage's or
/// deployment's `invoke_url`, an HTTP API's `api_endpoint`, an HTTP stage's `invoke_url`).
pub struct ApiEndpoint<'a>(pub &'a Resource);

impl<'a> ApiEndpoint<'a> {
    /// The first origin of `v` that is an API's default endpoint.
    pub fn read_by(m: &'a Model, v: &Val) -> Option<ApiEndpoint<'a>> {
        let targets: [(&str, &str); 5] = [
            (RestApi::TYPE, ""),
            (RestStage::TYPE, "invoke_url"),
            (RestDeployment::TYPE, "invoke_url"),
            (HttpApi::TYPE, "api_endpoint"),
            (HttpStage::TYPE, "invoke_url"),
        ];
        v.origins().into_iter().find_map(|o| {
            let r = m.origin_resource(&o)?;
            targets
                .iter()
                .any(|(t, a)| r.rtype == *t && (a.is_empty() || o.attr == *a))
                .then_some(ApiEndpoint(r))
        })
    }
    /// A related location on the API (its name, else its block).
    pub fn related(&self, message: impl Into<String>) -> Related {
        Related {
            message: message.into(),
            resource: self.0.address.clone(),
            location: self.0.span("name"),
        }
    }
}

/// A literal execute-api host (not a `d-…` custom-domain target).
pub fn is_execute_api_host(v: &Val) -> bool {
    v.as_str()
        .is_some_and(|s| s.contains(".execute-api.") && !s.starts_with("d-"))
}

/// True when a value reads this Cognito domain's CloudFront distribution
/// (`cloudfront_distribution`, `cloudfront_distribution_arn`).
pub fn reads_cognito_distribution(m: &Model, v: &Val, d: UserPoolDomain<'_>) -> bool {
    origin_views::<UserPoolDomain>(m, v).iter().any(|(x, a)| {
        x.0.address == d.0.address
            && matches!(
                a.as_str(),
                "cloudfront_distribution" | "cloudfront_distribution_arn"
            )
    })
}

/// True when a value reads a Cognito domain's `cloudfront_distribution_zone_id` (any domain's:
/// the zone is the same for every distribution).
pub fn reads_cognito_distribution_zone(v: &Val) -> bool {
    v.origins()
        .iter()
        .any(|o| o.attr == "cloudfront_distribution_zone_id")
}

/// True when some origin of a value is a zone id attribute other than a Cognito distribution's
/// (a hosted zone's `zone_id`, an API domain's zone; by name only, so a variable or local whose
/// name contains `zone_id` counts too).
pub fn reads_other_zone_id(v: &Val) -> bool {
    v.origins()
        .iter()
        .any(|o| o.attr.contains("zone_id") && o.attr != "cloudfront_distribution_zone_id")
}

/// True when a literal host is a CloudFront distribution (`*.cloudfront.net`).
pub fn is_cloudfront_host(s: &str) -> bool {
    s.trim_end_matches('.').ends_with(".cloudfront.net")
}

/// True when a literal host is a Cognito prefix domain (`*.amazoncognito.com`).
pub fn is_cognito_prefix_host(s: &str) -> bool {
    s.contains("amazoncognito.com")
}

/// Related location of a Cognito domain's `domain`.
pub fn cognito_domain_related(d: UserPoolDomain<'_>, message: impl Into<String>) -> Related {
    related_at(&d.domain(), message)
}
