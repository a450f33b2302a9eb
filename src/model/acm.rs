//! Views of ACM certificates and their validation: accessors, provider defaults, joins. Also the
//! accessors the ACM rules need on the views of other services (API domains, Cognito domains,
//! records, zones), as free functions, and the building blocks those rules share.

use super::rest::EndpointType;
pub use super::view::related_at;
use super::view::*;
use super::{Model, Resource};
use crate::load::module::Mode;
use crate::rules::context::Cx;
use crate::rules::support::origins_text;
use crate::value::Origin;
use crate::value::Val;
use std::collections::BTreeMap;

/// `aws_acm_certificate.validation_method` (no provider default: imported and private
/// certificates have none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidationMethod {
    Dns,
    Email,
    Other(String),
}

impl Vocab for ValidationMethod {
    fn parse(s: &str) -> Self {
        match s {
            "DNS" => ValidationMethod::Dns,
            "EMAIL" => ValidationMethod::Email,
            o => ValidationMethod::Other(o.to_string()),
        }
    }
}

fn got<'a, T>(res: &'a Resource, attr: &'static str, state: State<'a, T>) -> Got<'a, T> {
    Got { res, attr, state }
}

// ------------------------------------------------------------------------- certificates

/// A certificate's names as written: `domain_name` and the known subject alternative names.
pub struct CertNames<'a> {
    /// The known names, as written (domain_name first).
    pub known: Vec<&'a str>,
    /// Some name is not known here (or domain_name is not set).
    pub some_unknown: bool,
    /// `subject_alternative_names` is written (even as null): where the names are listed.
    pub sans_written: bool,
}

impl<'a> Certificate<'a> {
    pub fn domain_name(self) -> Got<'a, &'a str> {
        text(self.0, "domain_name", None)
    }
    pub fn subject_alternative_names(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "subject_alternative_names")
    }
    pub fn validation_method(self) -> Got<'a, ValidationMethod> {
        vocab(self.0, "validation_method", None)
    }
    /// The provider-computed `domain_validation_options` (one per distinct name; see
    /// `computed.rs`).
    pub fn domain_validation_options(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "domain_validation_options")
    }
    /// Managed here (not read by a data source).
    pub fn is_managed(self) -> bool {
        self.0.mode == Mode::Managed
    }
    /// Known names (domain_name and subject alternative names), normalized.
    pub fn names(self) -> Vec<String> {
        let mut v: Vec<String> = self
            .domain_name()
            .known()
            .map(|d| super::norm_host(d))
            .into_iter()
            .collect();
        for s in self
            .0
            .get("subject_alternative_names")
            .and_then(Val::items)
            .unwrap_or_default()
        {
            if let Some(s) = s.as_str() {
                v.push(super::norm_host(s));
            }
        }
        v
    }
    /// The names as written, and whether some are not known.
    pub fn names_as_written(self) -> CertNames<'a> {
        let domain = self.0.get("domain_name");
        let sans = self.0.get("subject_alternative_names");
        let mut names = vec![domain];
        names.extend(
            sans.and_then(Val::items)
                .unwrap_or_default()
                .into_iter()
                .map(Some),
        );
        CertNames {
            known: names.iter().flatten().filter_map(|v| v.as_str()).collect(),
            some_unknown: names.iter().any(|n| n.is_none_or(Val::is_unknown))
                || sans.is_some_and(Val::is_unknown),
            sans_written: sans.is_some(),
        }
    }
}

/// The `domain_name` of one of a certificate's `domain_validation_options`, when known.
pub fn option_domain_name(option: &Val) -> Option<&str> {
    option.get("domain_name").and_then(Val::as_str)
}

/// The certificates a value points at (by reference, or by a known ARN), resources and data
/// sources, in the order the value names them.
pub fn certificates_of<'a>(m: &'a Model, v: &Got<'a, &'a Val>) -> Vec<Certificate<'a>> {
    linked(m, v.val())
}

/// The certificate names a validation record is made for, when its name comes from known
/// options (`domain_validation_options["api.example.com"].resource_record_name`), normalized.
pub fn record_option_names(r: Record<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for o in r.0.get("name").map(|v| v.origins()).unwrap_or_default() {
        if let Some(rest) = o.attr.strip_prefix("domain_validation_options[\"")
            && let Some((n, _)) = rest.split_once("\"]")
        {
            let n = super::norm_host(n);
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// `aws_acm_certificate_validation` resources by the address of the certificate they validate.
pub fn validations_by_cert(m: &Model) -> BTreeMap<String, Vec<CertificateValidation<'_>>> {
    let mut out: BTreeMap<String, Vec<CertificateValidation>> = BTreeMap::new();
    for v in m.all::<CertificateValidation>() {
        if let Some(a) = v.0.get("certificate_arn") {
            for c in linked::<Certificate>(m, Some(a)) {
                out.entry(c.0.address.clone()).or_default().push(v);
            }
        }
    }
    out
}

/// Route 53 records made from a certificate's `domain_validation_options`, by the address of
/// the certificate.
pub fn validation_records(m: &Model) -> BTreeMap<String, Vec<Record<'_>>> {
    let mut recs: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for r in m.all::<Record>() {
        let name = r.0.get("name");
        let mut certs: Vec<&crate::model::Resource> = Vec::new();
        for o in name.map(|v| v.origins()).unwrap_or_default() {
            if o.attr.starts_with("domain_validation_options")
                && let Some(c) = m.origin_resource(&o)
            {
                certs.push(c);
            }
        }
        // a name not known because the options themselves are not (the certificate's names
        // are unknown): a record whose arguments or for_each refer to a certificate is made
        // from its options
        if certs.is_empty() && name.is_some_and(Val::is_unknown) {
            for d in &r.0.refs {
                certs.extend(
                    m.instances(d)
                        .filter(|c| c.rtype == Certificate::TYPE && c.mode == Mode::Managed),
                );
            }
        }
        for c in certs {
            let e = recs.entry(c.address.clone()).or_default();
            if !e.iter().any(|x| x.0.address == r.0.address) {
                e.push(r);
            }
        }
    }
    recs
}

impl<'a> CertificateValidation<'a> {
    pub fn certificate_arn(self) -> Got<'a, &'a Val> {
        raw(self.0, "certificate_arn")
    }
    /// `validation_record_fqdns` exactly as written: `Known` for any written value, null
    /// included (a null list references no record), `Absent` only when not written.
    pub fn validation_record_fqdns(self) -> Got<'a, &'a Val> {
        let state = match self.0.get("validation_record_fqdns") {
            None => State::Absent,
            Some(v) => State::Known(v, v),
        };
        got(self.0, "validation_record_fqdns", state)
    }
    /// Where the `provider` meta-argument is written, if it is.
    pub fn provider_span(self) -> Option<crate::source::Span> {
        self.0.attr_span("provider")
    }
}

// ------------------------------------------------------- other services' views (free functions)

/// The zones (resources or data sources) a value points at.
pub fn zones_of<'a>(m: &'a Model, v: &Got<'a, &'a Val>) -> Vec<Zone<'a>> {
    linked(m, v.val())
}

// ------------------------------------------------------------------- certificate consumers

/// What serves a custom domain with an ACM certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsumerKind {
    /// A Cognito user pool domain (prefix or custom).
    Cognito,
    /// A REST API custom domain.
    Rest,
    /// An HTTP API custom domain.
    Http,
}

/// Certificate consumers: (resource type, host name attribute, certificate attributes).
const CERT_CONSUMERS: [(&str, &str, &[&str]); 3] = [
    (UserPoolDomain::TYPE, "domain", &["certificate_arn"]),
    (
        RestDomain::TYPE,
        "domain_name",
        &["regional_certificate_arn", "certificate_arn"],
    ),
    (
        HttpDomain::TYPE,
        "domain_name",
        &["domain_name_configuration.0.certificate_arn"],
    ),
];

/// A custom domain that uses an ACM certificate (`CERT_CONSUMERS`).
#[derive(Clone, Copy, Debug)]
pub struct CertConsumer<'a> {
    pub res: &'a Resource,
    pub kind: ConsumerKind,
    host_attr: &'static str,
    cert_attrs: &'static [&'static str],
}

impl<'a> CertConsumer<'a> {
    /// The host name it serves (`domain` of a Cognito domain, `domain_name` of an API domain).
    pub fn host(self) -> Got<'a, &'a str> {
        text(self.res, self.host_attr, None)
    }
    /// The certificate it uses: the first certificate attribute that is set (a REST domain's
    /// regional certificate before its edge one).
    pub fn certificate_arn(self) -> Got<'a, &'a Val> {
        for a in self.cert_attrs {
            let g = raw(self.res, a);
            if !g.is_absent() {
                return g;
            }
        }
        raw(self.res, self.cert_attrs[0])
    }
}

/// Every certificate consumer: Cognito domains, then REST domains, then HTTP domains, each in
/// address order.
pub fn cert_consumers(m: &Model) -> Vec<CertConsumer<'_>> {
    let mut out = Vec::new();
    for (rtype, host_attr, cert_attrs) in CERT_CONSUMERS {
        let kind = if rtype == UserPoolDomain::TYPE {
            ConsumerKind::Cognito
        } else if rtype == RestDomain::TYPE {
            ConsumerKind::Rest
        } else {
            ConsumerKind::Http
        };
        for res in m.resources_of(rtype) {
            out.push(CertConsumer {
                res,
                kind,
                host_attr,
                cert_attrs,
            });
        }
    }
    out
}

/// The consumers that need a certificate in us-east-1 (Cognito custom domains, edge REST
/// domains), each as its `certificate_arn`.
pub fn us_east_1_users<'a>(m: &'a Model, c: Certificate<'a>) -> Vec<Got<'a, &'a Val>> {
    us_east_1_consumers(m, c)
        .into_iter()
        .map(|r| raw(r, "certificate_arn"))
        .collect()
}

/// The us-east-1 consumers (Cognito custom domains, EDGE REST domains) of a certificate.
pub fn us_east_1_consumers<'a>(m: &'a Model, cert: Certificate<'_>) -> Vec<&'a Resource> {
    // built once per model: certificate address → the domains that need it in us-east-1
    let index = m.us_east_1_index.get_or_init(|| {
        let mut by_cert: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut add = |d: &Resource| {
            if let Some(c) = d.get("certificate_arn") {
                for x in linked::<Certificate>(m, Some(c)) {
                    if let Some(i) = m.index_of(&d.address) {
                        by_cert.entry(x.0.address.clone()).or_default().push(i);
                    }
                }
            }
        };
        for d in m.all::<UserPoolDomain>() {
            if d.is_custom().known() == Some(&true) {
                add(d.0);
            }
        }
        for d in m.all::<RestDomain>() {
            if d.endpoint_type().known() == Some(&EndpointType::Edge) {
                add(d.0);
            }
        }
        by_cert
    });
    index
        .get(&cert.0.address)
        .map(|ix| ix.iter().map(|i| &m.resources[*i]).collect())
        .unwrap_or_default()
}

/// The certificate a consumer's ARN points at, and its region.
pub enum CertRef<'a> {
    /// A certificate resource or data source of the configuration, with its region.
    Resource(Certificate<'a>, &'a Val),
    /// A literal ARN: its region field.
    Arn(String),
    Unknown(Vec<Origin>),
}

/// The certificate a value (a consumer's certificate ARN) points at.
pub fn cert_of<'a>(m: &'a Model, v: &'a Val) -> CertRef<'a> {
    if let Some(c) = linked::<Certificate>(m, Some(v)).into_iter().next() {
        return CertRef::Resource(c, &c.0.region);
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

// ---------------------------------------------------------------------- rule building blocks

/// A value of one resource seen at an attribute of another (for locations: a note about a
/// record whose zone's name is unknown is at the record's zone_id, with the zone's origins).
pub fn seen_at<'a, T, U>(g: Got<'a, T>, at: &Got<'a, U>) -> Got<'a, T> {
    got(at.res, at.attr, g.state)
}

/// The region of `of` (its provider's), seen at an attribute (for locations; often of
/// another resource that depends on it).
pub fn region_at<'a, T>(of: &'a Resource, at: &Got<'a, T>) -> Got<'a, &'a str> {
    let v = &of.region;
    let state = match v.as_str() {
        Some(s) => State::Known(s, v),
        None => State::Unknown(v),
    };
    got(at.res, at.attr, state)
}

/// Checks that the certificate `at` names is in `want` (a region value). `why` is the AWS
/// behaviour; `need` says which region and why, for messages.
pub fn check_cert_region(cx: &mut Cx, at: &Got<'_, &Val>, want: &Val, need: &str, why: &str) {
    let Some(v) = at.val() else { return };
    let res = at.res;
    let (region, cert) = match cert_of(cx.m, v) {
        CertRef::Resource(c, r) => (r.clone(), Some(c)),
        CertRef::Arn(r) => (Val::str(r), None),
        CertRef::Unknown(o) => {
            cx.report_on(
                res,
                format!(
                    "cannot verify the region of the certificate of {}: {}",
                    res.address,
                    origins_text(&o)
                ),
            )
            .at(at.span())
            .help(format!("the certificate's region matters: {need}"))
            .note()
            .emit(cx);
            return;
        }
    };
    match (region.as_str(), want.as_str()) {
        (Some(have), Some(w)) if have == w => {}
        (Some(have), Some(w)) => {
            let mut f = cx.report(at, Some(v), format!(
                "{} uses a certificate in {have}, but it must be in {w} because {need}; {why}", res.address))
                .help(format!("request the certificate with a provider in {w} (e.g. provider = aws.{}) and use that one", w.replace('-', "_")));
            if let Some(c) = cert {
                f = f.related(related_at(
                    &c.domain_name(),
                    format!("certificate created in {have}"),
                ));
            }
            f.emit(cx);
        }
        _ => {
            let mut o = region.origins();
            o.extend(want.origins());
            cx.report_on(
                res,
                format!(
                    "cannot verify the region of the certificate of {} ({need}): {}",
                    res.address,
                    origins_text(&o)
                ),
            )
            .at(at.span())
            .help("set the provider region explicitly (provider \"aws\" { region = ... })")
            .note()
            .emit(cx);
        }
    }
}
