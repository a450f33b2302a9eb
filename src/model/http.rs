//! Views of HTTP APIs (API Gateway v2): accessors, provider defaults, joins.

pub use super::view::related_at;
use super::view::*;
use super::{Model, Resource};
use crate::finding::Related;
use crate::value::Val;

// ---------------------------------------------------------------------------- vocabularies

/// `aws_apigatewayv2_route.authorization_type` (provider default `NONE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteAuthorization {
    None,
    AwsIam,
    Custom,
    Jwt,
    Other(String),
}

impl Vocab for RouteAuthorization {
    fn parse(s: &str) -> Self {
        match s {
            "NONE" => RouteAuthorization::None,
            "AWS_IAM" => RouteAuthorization::AwsIam,
            "CUSTOM" => RouteAuthorization::Custom,
            "JWT" => RouteAuthorization::Jwt,
            o => RouteAuthorization::Other(o.to_string()),
        }
    }
}

impl RouteAuthorization {
    /// The provider's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            RouteAuthorization::None => "NONE",
            RouteAuthorization::AwsIam => "AWS_IAM",
            RouteAuthorization::Custom => "CUSTOM",
            RouteAuthorization::Jwt => "JWT",
            RouteAuthorization::Other(s) => s,
        }
    }
}

/// `aws_apigatewayv2_authorizer.authorizer_type` (required: no default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpAuthorizerType {
    Jwt,
    Request,
    Other(String),
}

impl Vocab for HttpAuthorizerType {
    fn parse(s: &str) -> Self {
        match s {
            "JWT" => HttpAuthorizerType::Jwt,
            "REQUEST" => HttpAuthorizerType::Request,
            o => HttpAuthorizerType::Other(o.to_string()),
        }
    }
}

impl HttpAuthorizerType {
    /// The provider's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            HttpAuthorizerType::Jwt => "JWT",
            HttpAuthorizerType::Request => "REQUEST",
            HttpAuthorizerType::Other(s) => s,
        }
    }
}

/// `aws_apigatewayv2_api.protocol_type` (required: no default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    Http,
    WebSocket,
    Other(String),
}

impl Vocab for Protocol {
    fn parse(s: &str) -> Self {
        match s {
            "HTTP" => Protocol::Http,
            "WEBSOCKET" => Protocol::WebSocket,
            o => Protocol::Other(o.to_string()),
        }
    }
}

impl Protocol {
    /// The provider's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Protocol::Http => "HTTP",
            Protocol::WebSocket => "WEBSOCKET",
            Protocol::Other(s) => s,
        }
    }
}

// ------------------------------------------------------------------ shared building blocks

/// A related location at a resource's block.
pub fn related_block(res: &Resource, message: impl Into<String>) -> Related {
    Related {
        message: message.into(),
        resource: res.address.clone(),
        location: res.span,
    }
}

/// Addresses of views, comma-separated.
pub fn addresses<'a, T: View<'a>>(vs: &[T]) -> String {
    vs.iter()
        .map(|v| v.res().address.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

// ------------------------------------------------------------------------------ HTTP APIs

impl<'a> HttpApi<'a> {
    pub fn protocol_type(self) -> Got<'a, Protocol> {
        vocab(self.0, "protocol_type", None)
    }
    /// The `cors_configuration` block (one object or a list of them).
    pub fn cors_configuration(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "cors_configuration")
    }
}

impl<'a> HttpRoute<'a> {
    /// Whether `authorization_type` is `JWT` (the provider's default is `NONE`).
    pub fn is_jwt(self) -> Got<'a, bool> {
        self.authorization_type()
            .map(|k| k == RouteAuthorization::Jwt)
    }
    pub fn route_key(self) -> Got<'a, &'a str> {
        text(self.0, "route_key", None)
    }
    /// The authorization type; the provider's default is `NONE`.
    pub fn authorization_type(self) -> Got<'a, RouteAuthorization> {
        vocab(self.0, "authorization_type", Some("NONE"))
    }
    /// True when `authorization_type` is written as `null` (the provider then applies its
    /// default, `NONE`; `authorization_type()` says so). http-route-jwt-wiring skipped such routes
    /// before the views and still does.
    pub fn authorization_type_is_null(self) -> bool {
        self.0.get("authorization_type").is_some_and(Val::is_null)
    }
    pub fn authorization_scopes(self) -> Got<'a, Vec<&'a Val>> {
        list_of(self.0, "authorization_scopes")
    }
    pub fn authorizer_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "authorizer_id")
    }
    pub fn api_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "api_id")
    }
    /// The APIs `api_id` points at.
    pub fn apis(self, m: &'a Model) -> Vec<HttpApi<'a>> {
        linked(m, self.0.get("api_id"))
    }
    /// The authorizers `authorizer_id` points at.
    pub fn authorizers(self, m: &'a Model) -> Vec<HttpAuthorizer<'a>> {
        linked(m, self.0.get("authorizer_id"))
    }
}

impl<'a> HttpAuthorizer<'a> {
    /// `authorizer_type` (required by the provider: no default).
    pub fn kind(self) -> Got<'a, HttpAuthorizerType> {
        vocab(self.0, "authorizer_type", None)
    }
    /// The `jwt_configuration` block (unknown when it is a dynamic block not expanded yet).
    pub fn jwt_configuration(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "jwt_configuration")
    }
    /// The first `jwt_configuration` block, for locations.
    pub fn jwt_block(self) -> Got<'a, &'a Val> {
        raw(self.0, "jwt_configuration.0")
    }
    /// `jwt_configuration.issuer`, as written (a string, a template, or unknown).
    pub fn issuer(self) -> Got<'a, &'a Val> {
        raw(self.0, "jwt_configuration.0.issuer")
    }
    /// `jwt_configuration.issuer` exactly as the model holds it, an explicit `null` included (for
    /// rules that treat a written `null` apart from an issuer that is not written).
    pub fn issuer_as_written(self) -> Option<&'a Val> {
        self.0.get("jwt_configuration.0.issuer")
    }
    /// `jwt_configuration.audience`.
    pub fn audience(self) -> Got<'a, Vec<&'a Val>> {
        list_of(self.0, "jwt_configuration.0.audience")
    }
    pub fn identity_sources(self) -> Got<'a, Vec<&'a Val>> {
        list_of(self.0, "identity_sources")
    }
    pub fn api_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "api_id")
    }
    /// The APIs `api_id` points at.
    pub fn apis(self, m: &'a Model) -> Vec<HttpApi<'a>> {
        linked(m, self.0.get("api_id"))
    }
}

impl<'a> HttpStage<'a> {
    pub fn name(self) -> Got<'a, &'a str> {
        text(self.0, "name", None)
    }
    /// `auto_deploy`; the provider's default is `false`.
    pub fn auto_deploy(self) -> Got<'a, bool> {
        flag(self.0, "auto_deploy", Some(false))
    }
    pub fn deployment_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "deployment_id")
    }
    pub fn api_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "api_id")
    }
    /// The APIs `api_id` points at.
    pub fn apis(self, m: &'a Model) -> Vec<HttpApi<'a>> {
        linked(m, self.0.get("api_id"))
    }
}

impl<'a> HttpDomain<'a> {
    /// `domain_name_configuration.certificate_arn`.
    pub fn certificate_arn(self) -> Got<'a, &'a Val> {
        raw(self.0, "domain_name_configuration.0.certificate_arn")
    }
    /// `domain_name`: the custom host.
    pub fn domain_name(self) -> Got<'a, &'a str> {
        text(self.0, "domain_name", None)
    }
    /// `domain_name_configuration.endpoint_type` (required; only `REGIONAL` exists).
    pub fn endpoint_type(self) -> Got<'a, &'a str> {
        text(self.0, "domain_name_configuration.0.endpoint_type", None)
    }
    /// `domain_name_configuration.security_policy` (required; only `TLS_1_2` exists).
    pub fn security_policy(self) -> Got<'a, &'a str> {
        text(self.0, "domain_name_configuration.0.security_policy", None)
    }
}

impl<'a> HttpApiMapping<'a> {
    /// `stage`, as written (a stage's id or name).
    pub fn stage(self) -> Got<'a, &'a Val> {
        raw(self.0, "stage")
    }
    /// The stages `stage` points at by reference or known id.
    pub fn stages(self, m: &'a Model) -> Vec<HttpStage<'a>> {
        linked(m, self.0.get("stage"))
    }
    /// The APIs `api_id` points at.
    pub fn apis(self, m: &'a Model) -> Vec<HttpApi<'a>> {
        linked(m, self.0.get("api_id"))
    }
    /// The REST APIs `api_id` points at (an API mapping can map a REST API's stage to a
    /// regional custom domain).
    pub fn rest_apis(self, m: &'a Model) -> Vec<RestApi<'a>> {
        linked(m, self.0.get("api_id"))
    }
    /// `domain_name`, as written.
    pub fn domain_name(self) -> Got<'a, &'a str> {
        text(self.0, "domain_name", None)
    }
    /// The custom domains `domain_name` points at by reference or known value.
    pub fn domains(self, m: &'a Model) -> Vec<HttpDomain<'a>> {
        linked(m, self.0.get("domain_name"))
    }
    /// `api_mapping_key` (the path under the domain; none is the empty key).
    pub fn api_mapping_key(self) -> Got<'a, &'a str> {
        text(self.0, "api_mapping_key", Some(""))
    }
}

// ------------------------------------------- other services' resources, as HTTP rules read them
