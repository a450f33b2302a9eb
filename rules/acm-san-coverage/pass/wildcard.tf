variable "domain" {
  type    = string
  default = "shop.example.net"
}

data "aws_route53_zone" "zone" {
  name = var.domain
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_acm_certificate" "wild" {
  domain_name       = "*.${var.domain}"
  validation_method = "DNS"
}

resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "API.${var.domain}."
  domain_name_configuration {
    certificate_arn = aws_acm_certificate.wild.arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_cognito_user_pool_domain" "prefix" {
  domain       = "shop-login"
  user_pool_id = aws_cognito_user_pool.pool.id
}
