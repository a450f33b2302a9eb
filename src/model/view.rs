//! Typed views of the model: one view per resource type the rules read, with accessors that
//! return a three-state value (known, unknown with origins, absent), provider defaults in one
//! place per type, closed vocabularies as enums, and attribute-aware joins. Rules and `authwire
//! token` read resources through these views, never through attribute path strings.
//!
//! The accessors of each service live beside this file (`rest.rs`, `http.rs`, `cognito.rs`,
//! `acm.rs`, `r53.rs`); this file holds the machinery they share.

use super::{Model, Resource};
use crate::load::module::Mode;
use crate::source::Span;
use crate::value::{Origin, V, Val};

/// An attribute's value as a rule sees it.
#[derive(Clone, Debug)]
pub enum State<'a, T> {
    /// Known: the value, and the evaluated value it came from (for locations and origins).
    Known(T, &'a Val),
    /// Not set in the configuration: the provider's default applies.
    Default(T),
    /// Not known before apply (or not decidable here): the value, whose origins say why.
    Unknown(&'a Val),
    /// Not set, and the provider has no default for it.
    Absent,
}

/// An attribute of a resource: where it is (`attr`, for locations) and what it holds.
#[derive(Clone, Debug)]
pub struct Got<'a, T> {
    pub res: &'a Resource,
    pub attr: &'static str,
    pub state: State<'a, T>,
}

impl<'a, T> Got<'a, T> {
    /// The value when known (set, or the provider's default).
    pub fn known(&self) -> Option<&T> {
        match &self.state {
            State::Known(t, _) | State::Default(t) => Some(t),
            _ => None,
        }
    }
    pub fn into_known(self) -> Option<T> {
        match self.state {
            State::Known(t, _) | State::Default(t) => Some(t),
            _ => None,
        }
    }
    /// The evaluated value (set or unknown), if the attribute is written.
    pub fn val(&self) -> Option<&'a Val> {
        match &self.state {
            State::Known(_, v) | State::Unknown(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_unknown(&self) -> bool {
        matches!(self.state, State::Unknown(_))
    }
    pub fn is_absent(&self) -> bool {
        matches!(self.state, State::Absent)
    }
    /// True when set in the configuration (known or unknown), not a default.
    pub fn is_set(&self) -> bool {
        matches!(self.state, State::Known(..) | State::Unknown(_))
    }
    /// The origins of an unknown value (empty otherwise).
    pub fn origins(&self) -> Vec<Origin> {
        match &self.state {
            State::Unknown(v) => v.origins(),
            _ => vec![],
        }
    }
    /// Where the attribute is written: the attribute, else the resource block.
    pub fn span(&self) -> Option<Span> {
        self.res.span(self.attr)
    }
    /// Where the attribute is written, only if it is.
    pub fn attr_span(&self) -> Option<Span> {
        self.res.attr_span(self.attr)
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Got<'a, U> {
        let state = match self.state {
            State::Known(t, v) => State::Known(f(t), v),
            State::Default(t) => State::Default(f(t)),
            State::Unknown(v) => State::Unknown(v),
            State::Absent => State::Absent,
        };
        Got {
            res: self.res,
            attr: self.attr,
            state,
        }
    }
    /// `Some(true)` when known and `pred` holds, `Some(false)` when known and not, `None` when
    /// unknown. Absent counts as not holding.
    pub fn test(&self, pred: impl FnOnce(&T) -> bool) -> Option<bool> {
        match &self.state {
            State::Known(t, _) | State::Default(t) => Some(pred(t)),
            State::Unknown(_) => None,
            State::Absent => Some(false),
        }
    }
}

/// A closed vocabulary (authorization types, endpoint types, record types, OAuth flows): parsed
/// from the provider's spelling, with anything else kept as written.
pub trait Vocab: Sized {
    fn parse(s: &str) -> Self;
}

/// One view per resource type: a typed handle on a resource instance.
pub trait View<'a>: Sized + Copy {
    const TYPE: &'static str;
    fn of(r: &'a Resource) -> Self;
    fn res(self) -> &'a Resource;
}

macro_rules! views {
    ($($(#[$doc:meta])* $name:ident = $ty:literal),* $(,)?) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug)]
            pub struct $name<'a>(pub &'a Resource);
            impl<'a> View<'a> for $name<'a> {
                const TYPE: &'static str = $ty;
                fn of(r: &'a Resource) -> Self {
                    $name(r)
                }
                fn res(self) -> &'a Resource {
                    self.0
                }
            }
            impl<'a> std::ops::Deref for $name<'a> {
                type Target = Resource;
                fn deref(&self) -> &Resource {
                    self.0
                }
            }
        )*
        /// Every resource type a view exists for.
        pub const VIEW_TYPES: &[&str] = &[$($ty),*];
    };
}

views! {
    /// `aws_api_gateway_rest_api`
    RestApi = "aws_api_gateway_rest_api",
    /// `aws_api_gateway_resource`
    RestResource = "aws_api_gateway_resource",
    /// `aws_api_gateway_method`
    RestMethod = "aws_api_gateway_method",
    /// `aws_api_gateway_integration`
    RestIntegration = "aws_api_gateway_integration",
    /// `aws_api_gateway_method_response`
    RestMethodResponse = "aws_api_gateway_method_response",
    /// `aws_api_gateway_integration_response`
    RestIntegrationResponse = "aws_api_gateway_integration_response",
    /// `aws_api_gateway_authorizer`
    RestAuthorizer = "aws_api_gateway_authorizer",
    /// `aws_api_gateway_deployment`
    RestDeployment = "aws_api_gateway_deployment",
    /// `aws_api_gateway_stage`
    RestStage = "aws_api_gateway_stage",
    /// `aws_api_gateway_domain_name`
    RestDomain = "aws_api_gateway_domain_name",
    /// `aws_api_gateway_base_path_mapping`
    RestBasePathMapping = "aws_api_gateway_base_path_mapping",
    /// `aws_apigatewayv2_api`
    HttpApi = "aws_apigatewayv2_api",
    /// `aws_apigatewayv2_route`
    HttpRoute = "aws_apigatewayv2_route",
    /// `aws_apigatewayv2_authorizer`
    HttpAuthorizer = "aws_apigatewayv2_authorizer",
    /// `aws_apigatewayv2_stage`
    HttpStage = "aws_apigatewayv2_stage",
    /// `aws_apigatewayv2_domain_name`
    HttpDomain = "aws_apigatewayv2_domain_name",
    /// `aws_apigatewayv2_api_mapping`
    HttpApiMapping = "aws_apigatewayv2_api_mapping",
    /// `aws_cognito_user_pool`
    UserPool = "aws_cognito_user_pool",
    /// `aws_cognito_user_pool_client`
    UserPoolClient = "aws_cognito_user_pool_client",
    /// `aws_cognito_resource_server`
    ResourceServer = "aws_cognito_resource_server",
    /// `aws_cognito_user_pool_domain`
    UserPoolDomain = "aws_cognito_user_pool_domain",
    /// `aws_acm_certificate`
    Certificate = "aws_acm_certificate",
    /// `aws_acm_certificate_validation`
    CertificateValidation = "aws_acm_certificate_validation",
    /// `aws_route53_record`
    Record = "aws_route53_record",
    /// `aws_route53_zone` (managed, or read by a data source)
    Zone = "aws_route53_zone",
}

impl Model {
    /// Every managed resource of a view's type, in address order.
    pub fn all<'a, T: View<'a> + 'a>(&'a self) -> impl Iterator<Item = T> + 'a {
        self.resources_of(T::TYPE).map(T::of)
    }
    /// Managed resources and data sources of a view's type (zones are often read by data
    /// sources), in address order.
    pub fn all_with_data<'a, T: View<'a> + 'a>(&'a self) -> impl Iterator<Item = T> + 'a {
        self.resources
            .iter()
            .filter(|r| r.rtype == T::TYPE && r.mode != Mode::Ephemeral)
            .map(T::of)
    }
    /// A resource as a view, if it has the view's type.
    pub fn view<'a, T: View<'a>>(&'a self, r: &'a Resource) -> Option<T> {
        (r.rtype == T::TYPE).then(|| T::of(r))
    }
}

// ------------------------------------------------------------------ accessor building blocks

fn got<'a, T>(r: &'a Resource, attr: &'static str, state: State<'a, T>) -> Got<'a, T> {
    Got {
        res: r,
        attr,
        state,
    }
}

/// A string attribute; `default` is the provider's default when it is not set.
pub fn text<'a>(
    r: &'a Resource,
    attr: &'static str,
    default: Option<&'static str>,
) -> Got<'a, &'a str> {
    let state = match r.get(attr) {
        None => default.map_or(State::Absent, State::Default),
        Some(v) => match &v.v {
            V::Null => default.map_or(State::Absent, State::Default),
            V::Str(s) => State::Known(s.as_str(), v),
            _ => State::Unknown(v),
        },
    };
    got(r, attr, state)
}

/// A closed-vocabulary attribute.
pub fn vocab<'a, E: Vocab>(
    r: &'a Resource,
    attr: &'static str,
    default: Option<&'static str>,
) -> Got<'a, E> {
    text(r, attr, default).map(E::parse)
}

/// A bool attribute (`"true"`/`"false"` strings count, as the provider converts them).
pub fn flag<'a>(r: &'a Resource, attr: &'static str, default: Option<bool>) -> Got<'a, bool> {
    let state = match r.get(attr) {
        None => default.map_or(State::Absent, State::Default),
        Some(v) => match (&v.v, v.as_bool()) {
            (V::Null, _) => default.map_or(State::Absent, State::Default),
            (_, Some(b)) => State::Known(b, v),
            _ => State::Unknown(v),
        },
    };
    got(r, attr, state)
}

/// A number attribute (numeric strings count, as the provider converts them).
pub fn number<'a>(r: &'a Resource, attr: &'static str, default: Option<f64>) -> Got<'a, f64> {
    let state = match r.get(attr) {
        None => default.map_or(State::Absent, State::Default),
        Some(v) => match &v.v {
            V::Null => default.map_or(State::Absent, State::Default),
            V::Num(n) => State::Known(*n, v),
            V::Str(s) => match s.parse::<f64>() {
                Ok(n) => State::Known(n, v),
                Err(_) => State::Unknown(v),
            },
            _ => State::Unknown(v),
        },
    };
    got(r, attr, state)
}

/// A list (or set) attribute, or a nested block type: its elements (each may still be unknown).
pub fn items<'a>(r: &'a Resource, attr: &'static str) -> Got<'a, Vec<&'a Val>> {
    let state = match r.get(attr) {
        None => State::Absent,
        Some(v) => match &v.v {
            V::Null => State::Absent,
            V::List(l) => State::Known(l.iter().collect(), v),
            V::Obj(_) => State::Known(vec![v], v),
            _ => State::Unknown(v),
        },
    };
    got(r, attr, state)
}

/// A list attribute, strictly: its elements when it is a list, unknown when it holds anything
/// else (a value not known before apply, a block given as one object, a mistyped value), absent
/// when unset or null.
pub fn list_of<'a>(r: &'a Resource, attr: &'static str) -> Got<'a, Vec<&'a Val>> {
    let state = match r.get(attr) {
        None => State::Absent,
        Some(v) => match &v.v {
            V::Null => State::Absent,
            V::List(l) => State::Known(l.iter().collect(), v),
            _ => State::Unknown(v),
        },
    };
    got(r, attr, state)
}

/// One element of a list attribute as an attribute of its own (for locations: `place` points at
/// the element): known, or unknown with its origins.
pub fn element<'a>(res: &'a Resource, attr: &'static str, v: &'a Val) -> Got<'a, &'a Val> {
    let state = if v.is_unknown() {
        State::Unknown(v)
    } else {
        State::Known(v, v)
    };
    got(res, attr, state)
}

/// The value at an attribute path, as written (for the few places a rule needs the raw value).
pub fn raw<'a>(r: &'a Resource, attr: &'static str) -> Got<'a, &'a Val> {
    let state = match r.get(attr) {
        None => State::Absent,
        Some(v) if v.is_null() => State::Absent,
        Some(v) if v.is_unknown() => State::Unknown(v),
        Some(v) => State::Known(v, v),
    };
    got(r, attr, state)
}

/// A related location at an attribute (the attribute when written, else the resource block).
pub fn related_at<T>(at: &Got<'_, T>, message: impl Into<String>) -> crate::finding::Related {
    crate::finding::Related {
        message: message.into(),
        resource: at.res.address.clone(),
        location: at.span(),
    }
}

// ------------------------------------------------------------------------------ joins

/// Every resource of `T` a value points at, whichever of their attributes it reads: by
/// reference (the origins of unknown parts) or by a known `arn`/`id` value, in the order
/// `Model::links` finds them.
pub fn linked<'a, T: View<'a>>(m: &'a Model, v: Option<&Val>) -> Vec<T> {
    v.map(|v| m.links(v, T::TYPE).into_iter().map(T::of).collect())
        .unwrap_or_default()
}

/// The resources an attribute points at, attribute-aware: `to` are joined through one of the
/// attributes the argument expects (or by a known ARN/id value); `wrong` are joined through
/// another attribute (an ARN where an id is expected: a wiring bug a rule can report).
#[derive(Debug)]
pub struct Join<'a, T> {
    pub to: Vec<T>,
    pub wrong: Vec<(T, String)>,
    /// The value joined from.
    pub via: Option<&'a Val>,
}

impl<'a, T: View<'a>> Join<'a, T> {
    pub fn is_empty(&self) -> bool {
        self.to.is_empty() && self.wrong.is_empty()
    }
    pub fn first(&self) -> Option<T> {
        self.to.first().copied()
    }
}

impl Model {
    /// Joins a value to resources of `T` through the attributes in `expect` (`["arn"]`,
    /// `["id"]`); an origin naming another attribute of such a resource goes to `wrong`.
    pub fn join<'a, T: View<'a>>(&'a self, v: Option<&'a Val>, expect: &[&str]) -> Join<'a, T> {
        let mut j = Join {
            to: Vec::new(),
            wrong: Vec::new(),
            via: v,
        };
        let Some(v) = v else { return j };
        let mut seen: Vec<&str> = Vec::new();
        for o in v.origins() {
            let Some(r) = self.origin_resource(&o) else {
                continue;
            };
            if r.rtype != T::TYPE || seen.contains(&r.address.as_str()) {
                continue;
            }
            // the attribute the reference reads: `arn`, `id`, `endpoint`; "" is the whole object
            let attr = o.attr.split('.').next().unwrap_or("");
            if attr.is_empty() || expect.contains(&attr) {
                j.to.push(T::of(r));
            } else {
                j.wrong.push((T::of(r), attr.to_string()));
            }
            seen.push(&r.address);
        }
        for r in self.links(v, T::TYPE) {
            if !seen.contains(&r.address.as_str()) {
                j.to.push(T::of(r));
                seen.push(&r.address);
            }
        }
        j
    }
}
