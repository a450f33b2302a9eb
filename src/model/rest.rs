//! Views of REST APIs (API Gateway v1): accessors, provider defaults, joins.

use super::Model;
use super::view::*;
use crate::value::{Origin, V, Val};

/// `aws_api_gateway_method.authorization`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Authorization {
    None,
    AwsIam,
    Custom,
    CognitoUserPools,
    Other(String),
}

impl Authorization {
    /// The provider's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Authorization::None => "NONE",
            Authorization::AwsIam => "AWS_IAM",
            Authorization::Custom => "CUSTOM",
            Authorization::CognitoUserPools => "COGNITO_USER_POOLS",
            Authorization::Other(s) => s,
        }
    }
}

impl Vocab for Authorization {
    fn parse(s: &str) -> Self {
        match s {
            "NONE" => Authorization::None,
            "AWS_IAM" => Authorization::AwsIam,
            "CUSTOM" => Authorization::Custom,
            "COGNITO_USER_POOLS" => Authorization::CognitoUserPools,
            o => Authorization::Other(o.to_string()),
        }
    }
}

/// `aws_api_gateway_authorizer.type` (provider default `TOKEN`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestAuthorizerType {
    Token,
    Request,
    CognitoUserPools,
    Other(String),
}

impl RestAuthorizerType {
    /// The provider's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            RestAuthorizerType::Token => "TOKEN",
            RestAuthorizerType::Request => "REQUEST",
            RestAuthorizerType::CognitoUserPools => "COGNITO_USER_POOLS",
            RestAuthorizerType::Other(s) => s,
        }
    }
}

impl Vocab for RestAuthorizerType {
    fn parse(s: &str) -> Self {
        match s {
            "TOKEN" => RestAuthorizerType::Token,
            "REQUEST" => RestAuthorizerType::Request,
            "COGNITO_USER_POOLS" => RestAuthorizerType::CognitoUserPools,
            o => RestAuthorizerType::Other(o.to_string()),
        }
    }
}

impl<'a> RestMethod<'a> {
    pub fn authorization(self) -> Got<'a, Authorization> {
        vocab(self.0, "authorization", None)
    }
    pub fn http_method(self) -> Got<'a, &'a str> {
        text(self.0, "http_method", None)
    }
    /// `authorization_scopes`: a list, or unknown (anything that is not a list).
    pub fn authorization_scopes(self) -> Got<'a, Vec<&'a Val>> {
        list_of(self.0, "authorization_scopes")
    }
    pub fn authorizer_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "authorizer_id")
    }
    /// The authorizers `authorizer_id` references (by their `id`).
    pub fn authorizers(self, m: &'a Model) -> Join<'a, RestAuthorizer<'a>> {
        m.join(self.0.get("authorizer_id"), &["id"])
    }
}

impl<'a> RestAuthorizer<'a> {
    /// The authorizer type; the provider's default is `TOKEN`.
    pub fn kind(self) -> Got<'a, RestAuthorizerType> {
        vocab(self.0, "type", Some("TOKEN"))
    }
    /// `identity_source`; the provider's default is `method.request.header.Authorization`.
    pub fn identity_source(self) -> Got<'a, &'a str> {
        text(
            self.0,
            "identity_source",
            Some("method.request.header.Authorization"),
        )
    }
    /// `provider_arns`: a list, or unknown (anything that is not a list).
    pub fn provider_arns(self) -> Got<'a, Vec<&'a Val>> {
        list_of(self.0, "provider_arns")
    }
    /// The user pools `provider_arns` references (by their `arn`).
    pub fn pools(self, m: &'a Model) -> Join<'a, UserPool<'a>> {
        m.join(self.0.get("provider_arns"), &["arn"])
    }
}

/// `aws_api_gateway_domain_name` endpoint type (`endpoint_configuration.types`, provider default
/// `EDGE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointType {
    Edge,
    Regional,
    Private,
    Other(String),
}

impl EndpointType {
    /// The provider's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            EndpointType::Edge => "EDGE",
            EndpointType::Regional => "REGIONAL",
            EndpointType::Private => "PRIVATE",
            EndpointType::Other(s) => s,
        }
    }
}

impl Vocab for EndpointType {
    fn parse(s: &str) -> Self {
        match s {
            "EDGE" => EndpointType::Edge,
            "REGIONAL" => EndpointType::Regional,
            "PRIVATE" => EndpointType::Private,
            o => EndpointType::Other(o.to_string()),
        }
    }
}

// ------------------------------------------------------------------ building blocks

/// Whether `response_parameters` (of a method or integration response) declares a CORS header.
fn declares_cors(r: &super::Resource) -> bool {
    r.get("response_parameters").is_some_and(
        |p| matches!(&p.v, V::Obj(o) if o.keys().any(|k| k.contains("Access-Control-Allow"))),
    )
}

// ------------------------------------------------------------------ views

macro_rules! rest_api_id {
    ($($view:ident),*) => {
        $(
            impl<'a> $view<'a> {
                /// `rest_api_id`, as written.
                pub fn rest_api_id(self) -> Got<'a, &'a Val> {
                    raw(self.0, "rest_api_id")
                }
                /// The REST APIs `rest_api_id` points at.
                pub fn rest_apis(self, m: &'a Model) -> Vec<RestApi<'a>> {
                    linked(m, self.0.get("rest_api_id"))
                }
            }
        )*
    };
}

rest_api_id!(
    RestResource,
    RestMethod,
    RestIntegration,
    RestMethodResponse,
    RestIntegrationResponse,
    RestAuthorizer,
    RestDeployment,
    RestStage
);

impl<'a> RestApi<'a> {
    pub fn name(self) -> Got<'a, &'a str> {
        text(self.0, "name", None)
    }
}

impl<'a> RestMethod<'a> {
    /// `resource_id`, as written.
    pub fn resource_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "resource_id")
    }
    /// Every authorizer `authorizer_id` points at, whatever attribute it reads.
    pub fn linked_authorizers(self, m: &'a Model) -> Vec<RestAuthorizer<'a>> {
        linked(m, self.0.get("authorizer_id"))
    }
}

impl<'a> RestMethod<'a> {
    /// `GET /orders/{id}`-style name of the method, built from the resource tree.
    pub fn route(self, m: &'a Model) -> String {
        let verb = self.0.str("http_method").unwrap_or("?");
        let mut parts: Vec<String> = Vec::new();
        let mut cur = self.0.get("resource_id").cloned();
        for _ in 0..64 {
            let Some(v) = cur.take() else { break };
            let res = m.links(&v, RestResource::TYPE);
            let Some(r) = res.first() else {
                // the API's root resource, or something unknown
                if v.origins().iter().any(|o| o.attr == "root_resource_id") {
                    break;
                }
                if let Some(id) = v.as_str()
                    && m.root_resource_ids
                        .get_or_init(|| {
                            m.all::<RestApi>()
                                .filter_map(|a| a.0.str("root_resource_id").map(str::to_string))
                                .collect()
                        })
                        .contains(id)
                {
                    break;
                }
                if !v.origins().is_empty() || v.as_str().is_some() {
                    parts.push("…".into());
                }
                break;
            };
            parts.push(r.str("path_part").unwrap_or("{?}").to_string());
            cur = r.get("parent_id").cloned();
        }
        parts.reverse();
        format!("{verb} /{}", parts.join("/"))
    }
}

impl<'a> RestMethodResponse<'a> {
    pub fn declares_cors(self) -> bool {
        declares_cors(self.0)
    }
}

impl<'a> RestIntegrationResponse<'a> {
    pub fn declares_cors(self) -> bool {
        declares_cors(self.0)
    }
}

impl<'a> RestAuthorizer<'a> {
    /// True when `type` is written as `null` (the provider then applies its default, `TOKEN`;
    /// `kind()` says so). rest-method-authorizer-wiring skipped such authorizers before the views
    /// and still does.
    pub fn kind_is_null(self) -> bool {
        self.0.get("type").is_some_and(Val::is_null)
    }
    /// `identity_validation_expression` (no default).
    pub fn identity_validation_expression(self) -> Got<'a, &'a str> {
        text(self.0, "identity_validation_expression", None)
    }
    /// The user pools `provider_arns` points at: `None` when it is not written, `Err` with why
    /// when they cannot be told (a written null included).
    pub fn trusted_pools(self, m: &'a Model) -> Option<Result<Vec<UserPool<'a>>, Vec<Origin>>> {
        self.0
            .get("provider_arns")
            .map(|v| super::cognito::pools_of(m, v))
    }
}

/// A deployment argument whose change replaces it, and what it refers to.
pub struct RedeployArg<'a> {
    pub at: Got<'a, &'a Val>,
    /// The resources it refers to (through locals, module inputs and outputs).
    pub refs: &'a std::collections::BTreeSet<String>,
    /// Those it reads only the `id` of, directly.
    pub id_only: &'a std::collections::BTreeSet<String>,
}

impl<'a> RestDeployment<'a> {
    /// The arguments whose change replaces the deployment (the provider's ForceNew arguments a
    /// configuration sets to redeploy: `triggers`, and before provider 6 `variables` and
    /// `stage_description`), as written.
    pub const REDEPLOY_ARGS: &'static [&'static str] =
        &["triggers", "variables", "stage_description"];
    pub fn triggers(self) -> Got<'a, &'a Val> {
        raw(self.0, "triggers")
    }
    /// The written arguments of [`Self::REDEPLOY_ARGS`], with the resources each refers to
    /// (through locals, module inputs and outputs).
    pub fn redeploy_args(self) -> Vec<RedeployArg<'a>> {
        static NONE: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        Self::REDEPLOY_ARGS
            .iter()
            .map(|a| raw(self.0, a))
            .filter(|g| g.val().is_some_and(|v| !v.is_null()))
            .map(|g| RedeployArg {
                refs: self.0.attr_refs.get(g.attr).unwrap_or(&NONE),
                id_only: self.0.attr_id_refs.get(g.attr).unwrap_or(&NONE),
                at: g,
            })
            .collect()
    }
    /// `stage_name` (a stage the deployment creates and deletes itself; removed in provider 6).
    pub fn stage_name(self) -> Got<'a, &'a str> {
        text(self.0, "stage_name", None)
    }
    /// The `lifecycle` block (for locations).
    pub fn lifecycle(self) -> Got<'a, &'a Val> {
        raw(self.0, "lifecycle")
    }
    /// `lifecycle { create_before_destroy }` (Terraform's default: false, reported as absent).
    pub fn create_before_destroy(self) -> Got<'a, bool> {
        flag(self.0, "lifecycle.0.create_before_destroy", None)
    }
}

impl<'a> RestStage<'a> {
    pub fn stage_name(self) -> Got<'a, &'a str> {
        text(self.0, "stage_name", None)
    }
    /// The deployments `deployment_id` points at.
    pub fn deployments(self, m: &'a Model) -> Vec<RestDeployment<'a>> {
        linked(m, self.0.get("deployment_id"))
    }
}

impl<'a> RestDomain<'a> {
    /// `endpoint_configuration.types`, as written.
    pub fn endpoint_types(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "endpoint_configuration.0.types")
    }
    pub fn domain_name(self) -> Got<'a, &'a str> {
        text(self.0, "domain_name", None)
    }
    pub fn certificate_arn(self) -> Got<'a, &'a Val> {
        raw(self.0, "certificate_arn")
    }
    pub fn regional_certificate_arn(self) -> Got<'a, &'a Val> {
        raw(self.0, "regional_certificate_arn")
    }
    /// The `endpoint_configuration` blocks.
    pub fn endpoint_configuration(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "endpoint_configuration")
    }
    /// The endpoint type: `endpoint_configuration.types[0]`, `EDGE` (the provider's default)
    /// when there is no endpoint_configuration or its types are not a list (as the certificate
    /// rules have always read it, `acm::us_east_1_consumers` included), unknown when the first
    /// type is not known.
    pub fn endpoint_type(self) -> Got<'a, EndpointType> {
        let types = self.endpoint_types();
        let state = match types.state {
            State::Absent | State::Default(_) => State::Default(EndpointType::Edge),
            State::Known(t, _) if t.is_empty() => State::Default(EndpointType::Edge),
            State::Known(t, _) => match t[0].as_str() {
                Some(s) => State::Known(EndpointType::parse(s), t[0]),
                None => State::Unknown(t[0]),
            },
            State::Unknown(v) => State::Unknown(v),
        };
        Got {
            res: self.0,
            attr: types.attr,
            state,
        }
    }
}

impl<'a> RestBasePathMapping<'a> {
    pub fn api_id(self) -> Got<'a, &'a Val> {
        raw(self.0, "api_id")
    }
    /// The REST APIs `api_id` points at.
    pub fn rest_apis(self, m: &'a Model) -> Vec<RestApi<'a>> {
        linked(m, self.0.get("api_id"))
    }
    pub fn stage_name(self) -> Got<'a, &'a Val> {
        raw(self.0, "stage_name")
    }
    /// Every stage `stage_name` points at by reference or known value.
    pub fn linked_stages(self, m: &'a Model) -> Vec<RestStage<'a>> {
        linked(m, self.0.get("stage_name"))
    }
    pub fn domain_name(self) -> Got<'a, &'a Val> {
        raw(self.0, "domain_name")
    }
    /// Every custom domain `domain_name` points at by reference or known value.
    pub fn linked_domains(self, m: &'a Model) -> Vec<RestDomain<'a>> {
        linked(m, self.0.get("domain_name"))
    }
    /// `domain_name` as text (when known).
    pub fn domain_name_text(self) -> Got<'a, &'a str> {
        text(self.0, "domain_name", None)
    }
    /// `base_path` (none is the empty path, the domain's root).
    pub fn base_path(self) -> Got<'a, &'a str> {
        text(self.0, "base_path", Some(""))
    }
}
