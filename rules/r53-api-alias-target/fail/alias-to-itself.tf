# the record aliases the custom host's own name (the domain's domain_name) instead of its
# target_domain_name: an alias to itself
resource "aws_route53_zone" "zone" {
  name = "example.com"
}

resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "api.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

locals {
  api_host = aws_apigatewayv2_domain_name.api.domain_name
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.zone.zone_id
  name    = "api.example.com"
  type    = "A"
  alias {
    name                   = local.api_host
    zone_id                = aws_route53_zone.zone.zone_id
    evaluate_target_health = false
  }
}
