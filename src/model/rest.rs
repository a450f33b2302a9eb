//! Views of REST APIs (API Gateway v1): accessors, provider defaults, joins.

use super::Model;
use super::view::*;
use crate::value::Val;

/// `aws_api_gateway_method.authorization`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Authorization {
    None,
    AwsIam,
    Custom,
    CognitoUserPools,
    Other(String),
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
    pub fn authorization_scopes(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "authorization_scopes")
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
    pub fn provider_arns(self) -> Got<'a, Vec<&'a Val>> {
        items(self.0, "provider_arns")
    }
    /// The user pools `provider_arns` references (by their `arn`).
    pub fn pools(self, m: &'a Model) -> Join<'a, UserPool<'a>> {
        m.join(self.0.get("provider_arns"), &["arn"])
    }
}
