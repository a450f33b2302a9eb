provider "aws" {
  region = "eu-central-1"
}
provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}
variable "zone" {
  default = "corp.example.io"
}
variable "route_scopes" {
  type = map(list(string))
}
data "aws_route53_zone" "z" {
  name = var.zone
}
locals {
  auth = "login.${var.zone}"
  api  = "svc.${var.zone}"
}
module "idp" {
  source  = "./modules/cognito"
  prefix  = "corp"
  domain  = local.auth
  cert    = aws_acm_certificate_validation.east.certificate_arn
  apex_id = aws_route53_record.apex.id
  providers = { aws = aws.use1 }
}
resource "aws_acm_certificate" "east" {
  provider          = aws.use1
  domain_name       = var.zone
  subject_alternative_names = ["*.${var.zone}"]
  validation_method = "DNS"
}
resource "aws_route53_record" "val" {
  for_each = { for o in aws_acm_certificate.east.domain_validation_options : o.domain_name => o }
  zone_id  = data.aws_route53_zone.z.zone_id
  name     = each.value.resource_record_name
  type     = each.value.resource_record_type
  records  = [each.value.resource_record_value]
  ttl      = 60
  allow_overwrite = true
}
resource "aws_acm_certificate_validation" "east" {
  provider                = aws.use1
  certificate_arn         = aws_acm_certificate.east.arn
  validation_record_fqdns = [for r in aws_route53_record.val : r.fqdn]
}
resource "aws_route53_record" "apex" {
  zone_id = data.aws_route53_zone.z.zone_id
  name    = var.zone
  type    = "A"
  alias {
    name                   = "d111111abcdef8.cloudfront.net"
    zone_id                = "Z2FDTNDATAQYW2"
    evaluate_target_health = false
  }
}
resource "aws_route53_record" "login" {
  zone_id = data.aws_route53_zone.z.zone_id
  name    = module.idp.domain
  type    = "A"
  alias {
    name                   = module.idp.cloudfront
    zone_id                = "Z2FDTNDATAQYW2"
    evaluate_target_health = false
  }
}
resource "aws_apigatewayv2_api" "svc" {
  name          = "svc"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.svc.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "jwt"
  jwt_configuration {
    audience = [module.idp.client_id]
    issuer   = "https://${module.idp.endpoint}"
  }
}
resource "aws_apigatewayv2_route" "r" {
  for_each             = var.route_scopes
  api_id               = aws_apigatewayv2_api.svc.id
  route_key            = each.key
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = each.value
}
resource "aws_apigatewayv2_domain_name" "svc" {
  domain_name = local.api
  domain_name_configuration {
    certificate_arn = aws_acm_certificate_validation.regional.certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
resource "aws_acm_certificate" "regional" {
  domain_name       = local.api
  validation_method = "DNS"
}
resource "aws_acm_certificate_validation" "regional" {
  certificate_arn = aws_acm_certificate.regional.arn
}
resource "aws_route53_record" "svc" {
  zone_id = data.aws_route53_zone.z.zone_id
  name    = aws_apigatewayv2_domain_name.svc.domain_name
  type    = "A"
  alias {
    name                   = aws_apigatewayv2_domain_name.svc.domain_name_configuration[0].target_domain_name
    zone_id                = aws_apigatewayv2_domain_name.svc.domain_name_configuration[0].hosted_zone_id
    evaluate_target_health = false
  }
}
