//! The rule registry: one folder per rule (code, README.md doc, pass/ and fail/ fixtures,
//! snapshots). Adding a rule = adding a folder and one line in `all()`.

use crate::finding::{Finding, Severity};
use crate::model::Model;

pub mod support;

pub struct Meta {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// The README.md of the rule folder: what `authwire explain` prints.
    pub docs: &'static str,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, model: &Model, out: &mut Vec<Finding>);
}

macro_rules! rules {
    ($($folder:literal => $m:ident),* $(,)?) => {
        $( #[path = $folder] mod $m; )*
        /// Every rule, in id order.
        pub fn all() -> Vec<&'static dyn Rule> {
            let mut v: Vec<&'static dyn Rule> = vec![$( &$m::RULE ),*];
            v.sort_by_key(|r| r.meta().id);
            v
        }
    };
}

rules! {
    "acm-shared-cert-region-conflict/rule.rs" => acm_shared_cert_region_conflict,
    "http-route-needs-scopes/rule.rs" => http_route_needs_scopes,
    "acm-validation-duplicate-records/rule.rs" => acm_validation_duplicate_records,
    "acm-validation-zone-match/rule.rs" => acm_validation_zone_match,
    "http-cors-default-route/rule.rs" => http_cors_default_route,
    "http-domain-and-mapping/rule.rs" => http_domain_and_mapping,
    "r53-record-in-zone/rule.rs" => r53_record_in_zone,
    "rest-cors-preflight-open/rule.rs" => rest_cors_preflight_open,
    "rest-stage-and-mapping/rule.rs" => rest_stage_and_mapping,
    "http-jwt-authorizer-shape/rule.rs" => http_jwt_authorizer_shape,
    "http-route-jwt-wiring/rule.rs" => http_route_jwt_wiring,
    "rest-authorizer-identity-source/rule.rs" => rest_authorizer_identity_source,
    "rest-authorizer-no-aud-regex/rule.rs" => rest_authorizer_no_aud_regex,
    "rest-open-method-audit/rule.rs" => rest_open_method_audit,
    "acm-use-validated-arn/rule.rs" => acm_use_validated_arn,
    "acm-validation-covers-all-dvos/rule.rs" => acm_validation_covers_all_dvos,
    "acm-validation-resource-wiring/rule.rs" => acm_validation_resource_wiring,
    "rest-deployment-triggers/rule.rs" => rest_deployment_triggers,
    "rest-domain-endpoint-cert-kind/rule.rs" => rest_domain_endpoint_cert_kind,
    "cognito-domain-kind/rule.rs" => cognito_domain_kind,
    "cognito-oauth-needs-domain/rule.rs" => cognito_oauth_needs_domain,
    "cognito-token-validity/rule.rs" => cognito_token_validity,
    "cognito-user-flow-callbacks/rule.rs" => cognito_user_flow_callbacks,
    "r53-record-shape/rule.rs" => r53_record_shape,
    "http-jwt-audience-client-id/rule.rs" => http_jwt_audience_client_id,
    "http-jwt-issuer-matches-pool/rule.rs" => http_jwt_issuer_matches_pool,
    "rest-authorizer-cognito-pool/rule.rs" => rest_authorizer_cognito_pool,
    "rest-m2m-needs-scopes/rule.rs" => rest_m2m_needs_scopes,
    "rest-method-authorizer-wiring/rule.rs" => rest_method_authorizer_wiring,
    "acm-cognito-cert-us-east-1/rule.rs" => acm_cognito_cert_us_east_1,
    "acm-edge-cert-us-east-1/rule.rs" => acm_edge_cert_us_east_1,
    "acm-regional-cert-same-region/rule.rs" => acm_regional_cert_same_region,
    "r53-cognito-alias-target/rule.rs" => r53_cognito_alias_target,
    "acm-san-coverage/rule.rs" => acm_san_coverage,
    "cognito-cc-custom-scopes-only/rule.rs" => cognito_cc_custom_scopes_only,
    "cognito-cc-exclusive-flow/rule.rs" => cognito_cc_exclusive_flow,
    "cognito-cc-requires-secret/rule.rs" => cognito_cc_requires_secret,
    "cognito-client-scope-defined/rule.rs" => cognito_client_scope_defined,
    "cognito-oauth-flag/rule.rs" => cognito_oauth_flag,
    "cognito-scope-grantable/rule.rs" => cognito_scope_grantable,
    "http-scope-defined/rule.rs" => http_scope_defined,
    "http-scopes-need-jwt/rule.rs" => http_scopes_need_jwt,
    "r53-api-alias-target/rule.rs" => r53_api_alias_target,
    "r53-api-not-execute-api/rule.rs" => r53_api_not_execute_api,
    "r53-parent-a-record/rule.rs" => r53_parent_a_record,
    "r53-parent-record-order/rule.rs" => r53_parent_record_order,
    "rest-scope-defined/rule.rs" => rest_scope_defined,
    "rest-scopes-need-cognito/rule.rs" => rest_scopes_need_cognito,
    "tf-module-not-downloaded/rule.rs" => tf_module_not_downloaded,
}

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all().into_iter().find(|r| r.meta().id == id)
}
