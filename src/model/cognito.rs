//! Views of Cognito user pools, clients, resource servers and domains: accessors, provider defaults, joins.

use super::Model;
use super::view::*;
use crate::value::{Origin, OriginKind, V, Val};
use std::collections::{BTreeMap, BTreeSet};

// ------------------------------------------------------------------ shared building blocks

/// One element of a list attribute: parsed when it is a known string, else the value that is not
/// known (or not a string).
#[derive(Clone, Debug)]
pub struct Item<'a, T> {
    pub known: Option<T>,
    pub val: &'a Val,
}

/// A list attribute of strings, each element parsed (`T` is a vocabulary or `&str`).
fn elems<'a, T>(
    r: &'a crate::model::Resource,
    attr: &'static str,
    parse: impl Fn(&'a str) -> T,
) -> Got<'a, Vec<Item<'a, T>>> {
    items(r, attr).map(|l| {
        l.into_iter()
            .map(|v| Item {
                known: v.as_str().map(&parse),
                val: v,
            })
            .collect()
    })
}

/// The value an attribute has in the evaluated resource, including an explicit `null` (which
/// the accessors report as the provider's default): for rules that say "set to false" where it
/// is written and "unset" where it is not.
pub fn written<'a, T>(g: &Got<'a, T>) -> Option<&'a Val> {
    g.res.get(g.attr)
}

/// Resources of a view's type grouped by the user pool their `user_pool_id` points at (by
/// reference or by a known id/ARN), in address order.
pub fn by_user_pool<'a, T: View<'a> + 'a>(m: &'a Model) -> BTreeMap<String, Vec<T>> {
    let mut out: BTreeMap<String, Vec<T>> = BTreeMap::new();
    for r in m.all::<T>() {
        for pool in linked::<UserPool>(m, r.res().get("user_pool_id")) {
            out.entry(pool.address.clone()).or_default().push(r);
        }
    }
    out
}

/// The user pools a `user_pool_id` value points at (any attribute of the pool, or a known
/// id/ARN value).
fn pools_by_id<'a>(m: &'a Model, r: &'a crate::model::Resource) -> Vec<UserPool<'a>> {
    linked(m, r.get("user_pool_id"))
}

/// The user pools a value (provider_arns, user_pool_id, issuer…) points at; `Err` carries why it
/// cannot be told.
pub fn pools_of<'a>(m: &'a Model, v: &Val) -> Result<Vec<UserPool<'a>>, Vec<Origin>> {
    let pools: Vec<UserPool> = linked(m, Some(v));
    if !pools.is_empty() {
        return Ok(pools);
    }
    let mut o = v.origins();
    if o.is_empty() {
        o.push(Origin::other(
            OriginKind::Error,
            format!("{} matches no user pool in this configuration", v.show()),
        ));
    }
    Err(o)
}

/// The user pool an origin names, if it names one.
pub fn origin_pool<'a>(m: &'a Model, o: &Origin) -> Option<UserPool<'a>> {
    m.origin_resource(o).and_then(|r| m.view::<UserPool>(r))
}

/// Pool a JWT issuer names: by reference (endpoint/id), by known pool id, or not a Cognito issuer.
pub enum Issuer<'a> {
    Pools(Vec<UserPool<'a>>),
    NotCognito,
    Unknown(Vec<Origin>),
}

/// The user pools a JWT issuer names.
pub fn issuer_pools<'a>(m: &'a Model, issuer: &Val) -> Issuer<'a> {
    let pools: Vec<UserPool> = linked(m, Some(issuer));
    if !pools.is_empty() {
        return Issuer::Pools(pools);
    }
    match &issuer.v {
        V::Str(s) => {
            if !s.contains("cognito-idp.") {
                return Issuer::NotCognito;
            }
            let id = s.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            // by the id index, not a scan of every pool per issuer
            let found: Vec<UserPool> = m
                .with_value(id)
                .filter_map(|r| m.view::<UserPool>(r))
                .filter(|p| p.id().known() == Some(&id))
                .collect();
            if found.is_empty() {
                Issuer::Unknown(vec![Origin::other(
                    OriginKind::Error,
                    format!("issuer {s} names pool {id}, which is not in this configuration"),
                )])
            } else {
                Issuer::Pools(found)
            }
        }
        _ => Issuer::Unknown(issuer.origins()),
    }
}

// ------------------------------------------------------------------ vocabularies

/// An OAuth flow of an app client (`allowed_oauth_flows`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OAuthFlow {
    Code,
    Implicit,
    ClientCredentials,
    Other(String),
}

impl Vocab for OAuthFlow {
    fn parse(s: &str) -> Self {
        match s {
            "code" => OAuthFlow::Code,
            "implicit" => OAuthFlow::Implicit,
            "client_credentials" => OAuthFlow::ClientCredentials,
            o => OAuthFlow::Other(o.to_string()),
        }
    }
}

impl OAuthFlow {
    /// The provider's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            OAuthFlow::Code => "code",
            OAuthFlow::Implicit => "implicit",
            OAuthFlow::ClientCredentials => "client_credentials",
            OAuthFlow::Other(s) => s,
        }
    }
    /// A flow a user signs in with (code, implicit).
    pub fn is_user_flow(&self) -> bool {
        matches!(self, OAuthFlow::Code | OAuthFlow::Implicit)
    }
}

impl std::fmt::Display for OAuthFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A unit of `token_validity_units`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Other(String),
}

impl Vocab for TimeUnit {
    fn parse(s: &str) -> Self {
        match s {
            "seconds" => TimeUnit::Seconds,
            "minutes" => TimeUnit::Minutes,
            "hours" => TimeUnit::Hours,
            "days" => TimeUnit::Days,
            o => TimeUnit::Other(o.to_string()),
        }
    }
}

impl TimeUnit {
    pub fn as_str(&self) -> &str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::Days => "days",
            TimeUnit::Other(s) => s,
        }
    }
    /// Seconds in one unit; `None` for a unit the provider does not know.
    pub fn seconds(&self) -> Option<f64> {
        match self {
            TimeUnit::Seconds => Some(1.0),
            TimeUnit::Minutes => Some(60.0),
            TimeUnit::Hours => Some(3_600.0),
            TimeUnit::Days => Some(86_400.0),
            TimeUnit::Other(_) => None,
        }
    }
}

impl std::fmt::Display for TimeUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The three tokens of an app client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    Access,
    Id,
    Refresh,
}

impl Token {
    pub const ALL: [Token; 3] = [Token::Access, Token::Id, Token::Refresh];
    /// The key of the token in `token_validity_units`.
    pub fn unit_key(self) -> &'static str {
        match self {
            Token::Access => "access_token",
            Token::Id => "id_token",
            Token::Refresh => "refresh_token",
        }
    }
    /// The unit of the validity when `token_validity_units` does not say (the provider's
    /// default): hours for the access and id tokens, days for the refresh token.
    pub fn default_unit(self) -> TimeUnit {
        TimeUnit::parse(self.default_unit_name())
    }
    fn default_unit_name(self) -> &'static str {
        match self {
            Token::Access | Token::Id => "hours",
            Token::Refresh => "days",
        }
    }
    /// Cognito's range, in seconds, and as the documentation says it.
    pub fn range(self) -> (f64, f64, &'static str) {
        match self {
            Token::Access | Token::Id => (300.0, 86_400.0, "5 minutes to 1 day"),
            Token::Refresh => (3_600.0, 315_360_000.0, "60 minutes to 10 years"),
        }
    }
}

// ------------------------------------------------------------------ app clients

impl<'a> UserPool<'a> {
    /// `name`.
    pub fn name(self) -> Got<'a, &'a str> {
        text(self.0, "name", None)
    }
    /// The pool id (`eu-west-1_AbCd`): known in plans, computed before apply.
    pub fn id(self) -> Got<'a, &'a str> {
        text(self.0, "id", None)
    }
}

impl<'a> UserPoolClient<'a> {
    /// `allowed_oauth_flows` as a list of values (for locations).
    pub fn allowed_oauth_flows(self) -> Got<'a, Vec<&'a Val>> {
        list_of(self.0, "allowed_oauth_flows")
    }
    /// The client id: known in plans, computed before apply.
    pub fn id(self) -> Got<'a, &'a str> {
        text(self.0, "id", None)
    }
    pub fn user_pool_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "user_pool_id")
    }
    /// The user pools `user_pool_id` points at.
    pub fn pools(self, m: &'a Model) -> Vec<UserPool<'a>> {
        pools_by_id(m, self.0)
    }
    /// `allowed_oauth_flows`, each flow parsed.
    pub fn oauth_flows(self) -> Got<'a, Vec<Item<'a, OAuthFlow>>> {
        elems(self.0, "allowed_oauth_flows", OAuthFlow::parse)
    }
    /// Whether `allowed_oauth_flows` contains `flow`: known when the list names it or is known
    /// without it (no flows when unset), unknown when the list or one of its elements is (the
    /// state then carries that value).
    pub fn uses_flow(self, flow: OAuthFlow) -> Got<'a, bool> {
        let flows = self.oauth_flows();
        let state = match &flows.state {
            State::Known(l, v) => {
                if l.iter().any(|i| i.known.as_ref() == Some(&flow)) {
                    State::Known(true, v)
                } else if let Some(u) = l.iter().find(|i| i.known.is_none()) {
                    State::Unknown(u.val)
                } else {
                    State::Known(false, v)
                }
            }
            State::Unknown(v) => State::Unknown(v),
            State::Default(_) | State::Absent => State::Default(false),
        };
        Got {
            res: flows.res,
            attr: flows.attr,
            state,
        }
    }
    /// True when `client_credentials` is a known flow of the client (machine to machine).
    pub fn is_m2m(self) -> bool {
        self.uses_flow(OAuthFlow::ClientCredentials).known() == Some(&true)
    }
    pub fn allowed_oauth_scopes(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "allowed_oauth_scopes")
    }
    pub fn callback_urls(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "callback_urls")
    }
    pub fn logout_urls(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "logout_urls")
    }
    pub fn supported_identity_providers(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "supported_identity_providers")
    }
    pub fn default_redirect_uri(self) -> Got<'a, &'a str> {
        text(self.0, "default_redirect_uri", None)
    }
    /// `generate_secret`; the provider's default is `false`.
    pub fn generate_secret(self) -> Got<'a, bool> {
        flag(self.0, "generate_secret", Some(false))
    }
    /// `allowed_oauth_flows_user_pool_client`; the provider's default is `false`.
    pub fn oauth_enabled(self) -> Got<'a, bool> {
        flag(self.0, "allowed_oauth_flows_user_pool_client", Some(false))
    }
    /// The validity of a token, in its unit. The provider computes the access and id token
    /// validities when they are not set (no default); the refresh token's default is 30 (days).
    pub fn validity(self, t: Token) -> Got<'a, f64> {
        match t {
            Token::Access => number(self.0, "access_token_validity", None),
            Token::Id => number(self.0, "id_token_validity", None),
            Token::Refresh => number(self.0, "refresh_token_validity", Some(30.0)),
        }
    }
    /// The unit of a token's validity (`token_validity_units`); the provider's defaults are
    /// hours for the access and id tokens and days for the refresh token.
    pub fn validity_unit(self, t: Token) -> Got<'a, TimeUnit> {
        let attr = match t {
            Token::Access => "token_validity_units.0.access_token",
            Token::Id => "token_validity_units.0.id_token",
            Token::Refresh => "token_validity_units.0.refresh_token",
        };
        vocab(self.0, attr, Some(t.default_unit_name()))
    }
}

// ------------------------------------------------------------------ resource servers

impl<'a> ResourceServer<'a> {
    pub fn user_pool_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "user_pool_id")
    }
    pub fn identifier(self) -> Got<'a, &'a str> {
        text(self.0, "identifier", None)
    }
    /// `scope_identifiers` (computed: `identifier/scope_name` for every scope).
    pub fn scope_identifiers(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "scope_identifiers")
    }
    pub fn pools(self, m: &'a Model) -> Vec<UserPool<'a>> {
        pools_by_id(m, self.0)
    }
}

// ------------------------------------------------------------------ scopes

/// Resource servers by pool, and the pools defining each known scope, built once per rule run.
pub struct ScopeIndex<'a> {
    pub by_pool: BTreeMap<String, Vec<ResourceServer<'a>>>,
    pub pools_by_scope: BTreeMap<String, BTreeSet<String>>,
    /// The known identifiers of every resource server of the configuration, whatever its pool.
    pub identifiers: BTreeSet<String>,
}

impl<'a> ScopeIndex<'a> {
    pub fn new(m: &'a Model) -> ScopeIndex<'a> {
        let by_pool = by_user_pool::<ResourceServer>(m);
        let mut pools_by_scope: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (pool, srvs) in &by_pool {
            for r in srvs {
                for i in r.scope_identifiers().into_known().unwrap_or_default() {
                    if let Some(s) = i.as_str() {
                        pools_by_scope
                            .entry(s.to_string())
                            .or_default()
                            .insert(pool.clone());
                    }
                }
            }
        }
        let identifiers = m
            .all::<ResourceServer>()
            .filter_map(|srv| srv.identifier().into_known().map(str::to_string))
            .collect();
        ScopeIndex {
            by_pool,
            pools_by_scope,
            identifiers,
        }
    }
    /// The custom scopes the resource servers of `pools` define.
    pub fn defined(&self, pools: &[UserPool<'_>]) -> Defined<'a> {
        defined_scopes(&self.by_pool, pools)
    }
}

/// The custom scopes defined for a set of pools: known full names, and unknown parts.
pub struct Defined<'a> {
    pub known: BTreeSet<String>,
    pub servers: Vec<ResourceServer<'a>>,
    pub unknown: Vec<Origin>,
}

/// The custom scopes the resource servers (`servers`, by pool) of `pools` define.
pub fn defined_scopes<'a>(
    servers: &BTreeMap<String, Vec<ResourceServer<'a>>>,
    pools: &[UserPool<'_>],
) -> Defined<'a> {
    let mut d = Defined {
        known: BTreeSet::new(),
        servers: vec![],
        unknown: vec![],
    };
    for p in pools {
        for s in servers.get(&p.address).into_iter().flatten() {
            d.servers.push(*s);
            // as written, an explicit null included
            let ids = written(&s.scope_identifiers());
            match ids.map(|v| &v.v) {
                Some(V::List(l)) => {
                    for id in l {
                        match id.as_str() {
                            Some(x) => {
                                d.known.insert(x.to_string());
                            }
                            None => crate::value::merge_origins(&mut d.unknown, &id.origins()),
                        }
                    }
                }
                Some(_) => crate::value::merge_origins(&mut d.unknown, &ids.unwrap().origins()),
                None => {}
            }
            if s.unknown_count {
                d.unknown.push(Origin::other(
                    OriginKind::Error,
                    format!("the number of {} instances is unknown", s.base),
                ));
            }
        }
    }
    d
}

// ------------------------------------------------------------------ clients by pool

/// Evidence that browsers call APIs of these pools: a code/implicit client with web callback
/// URLs (the first, in pool then address order).
/// Whether the pools have clients in the configuration and every one of them is a
/// client_credentials client (a machine-to-machine pool: its tokens are access tokens only).
pub fn machine_only(
    clients: &BTreeMap<String, Vec<UserPoolClient<'_>>>,
    pools: &[UserPool<'_>],
) -> bool {
    let mut all = pools
        .iter()
        .flat_map(|p| clients.get(&p.address).cloned().unwrap_or_default())
        .peekable();
    all.peek().is_some() && all.all(|c| c.is_m2m())
}

pub fn browser_client<'a>(
    clients: &BTreeMap<String, Vec<UserPoolClient<'a>>>,
    pools: &[UserPool<'_>],
) -> Option<UserPoolClient<'a>> {
    pools
        .iter()
        .flat_map(|p| clients.get(&p.address).cloned().unwrap_or_default())
        .find(|c| {
            (c.uses_flow(OAuthFlow::Code).known() == Some(&true)
                || c.uses_flow(OAuthFlow::Implicit).known() == Some(&true))
                && list_of(c.0, "callback_urls").into_known().is_some_and(|u| {
                    u.iter()
                        .any(|x| x.as_str().is_some_and(|s| s.starts_with("http")))
                })
        })
}

// ------------------------------------------------------------------ domains

impl<'a> UserPoolDomain<'a> {
    pub fn domain(self) -> Got<'a, &'a str> {
        text(self.0, "domain", None)
    }
    pub fn certificate_arn(self) -> Got<'a, &'a Val> {
        raw(self.0, "certificate_arn")
    }
    pub fn user_pool_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "user_pool_id")
    }
    pub fn pools(self, m: &'a Model) -> Vec<UserPool<'a>> {
        pools_by_id(m, self.0)
    }
    /// Whether this is a custom domain (`true`) or an Amazon prefix domain (`false`): a
    /// `certificate_arn` makes it custom whatever its name; otherwise a dot in the name does. A
    /// name not known here is still a prefix when its literal text has no dot and its unknown
    /// parts cannot contain one (an account id, a random_string/random_id/random_integer/
    /// random_pet/random_uuid result).
    pub fn is_custom(self) -> Got<'a, bool> {
        let cert = self.certificate_arn();
        if cert.val().is_some_and(|v| !v.is_null()) {
            return Got {
                res: cert.res,
                attr: cert.attr,
                state: State::Known(true, cert.val().unwrap_or(&NULL)),
            };
        }
        let d = self.domain();
        match d.state {
            State::Unknown(v) if dotless(v) => Got {
                res: d.res,
                attr: d.attr,
                state: State::Known(false, v),
            },
            _ => d.map(|x| x.contains('.')),
        }
    }
}

static NULL: Val = Val {
    v: V::Null,
    at: None,
    res: None,
    ty: None,
    within: None,
};

/// A value not known here whose text can have no dot: literal parts without one, and unknown
/// parts from sources that never produce one.
fn dotless(v: &Val) -> bool {
    let origin_ok = |o: &Origin| {
        o.attr == "account_id"
            || o.res.as_deref().is_some_and(|r| {
                r.split('.').any(|seg| {
                    matches!(
                        seg,
                        "random_string"
                            | "random_id"
                            | "random_integer"
                            | "random_pet"
                            | "random_uuid"
                    )
                })
            })
    };
    match &v.v {
        V::Unknown(o) => !o.is_empty() && o.iter().all(origin_ok),
        V::Template(parts) => parts.iter().all(|p| match p {
            crate::value::Part::Lit(s) => !s.contains('.'),
            crate::value::Part::Unknown(o) => !o.is_empty() && o.iter().all(origin_ok),
        }),
        _ => false,
    }
}

// ------------------------------------------------------- other services, as Cognito rules read them

/// One element of a list attribute as an attribute value of its own (for a finding or a
/// "cannot verify" note at that element).
pub fn element<'a, T>(list: &Got<'a, T>, v: &'a Val) -> Got<'a, &'a Val> {
    // a null element cannot be decided either
    if v.is_null() {
        return Got {
            res: list.res,
            attr: list.attr,
            state: State::Unknown(v),
        };
    }
    super::view::element(list.res, list.attr, v)
}
