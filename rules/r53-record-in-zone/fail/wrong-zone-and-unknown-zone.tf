# auth is written into a zone that does not contain it; api's zone is not known: a note.
variable "zone_id" {
  type = string
}

data "aws_route53_zone" "zone" {
  name = "example.com"
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.shop.example.net"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_route53_record" "auth" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = aws_cognito_user_pool_domain.auth.domain
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.auth.cloudfront_distribution
    zone_id                = aws_cognito_user_pool_domain.auth.cloudfront_distribution_zone_id
    evaluate_target_health = false
  }
}

resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "api.shop.example.net"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_route53_record" "api" {
  zone_id = var.zone_id
  name    = aws_apigatewayv2_domain_name.api.domain_name
  type    = "A"
  alias {
    name                   = aws_apigatewayv2_domain_name.api.domain_name_configuration[0].target_domain_name
    zone_id                = aws_apigatewayv2_domain_name.api.domain_name_configuration[0].hosted_zone_id
    evaluate_target_health = false
  }
}
