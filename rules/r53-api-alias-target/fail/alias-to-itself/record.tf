# the record aliases the custom host's own name (the domain's domain_name) instead of its
# target_domain_name: an alias to itself
locals {
  api_host = aws_apigatewayv2_domain_name.api.domain_name
}

resource "aws_route53_record" "api" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "api.example.com"
  type    = "A"
  alias {
    name                   = local.api_host
    zone_id                = data.aws_route53_zone.zone.zone_id
    evaluate_target_health = false
  }
}
