# api (REGIONAL) is aliased to its CloudFront name; legacy's endpoint type is not known: a note.
variable "legacy_endpoint_type" {
  type = string
}

resource "aws_route53_record" "api" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = aws_api_gateway_domain_name.api.domain_name
  type    = "A"
  alias {
    name                   = aws_api_gateway_domain_name.api.cloudfront_domain_name
    zone_id                = aws_api_gateway_domain_name.api.cloudfront_zone_id
    evaluate_target_health = false
  }
}

resource "aws_api_gateway_domain_name" "legacy" {
  domain_name              = "legacy.${var.domain}"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
  endpoint_configuration {
    types = [var.legacy_endpoint_type]
  }
}

resource "aws_route53_record" "legacy" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = aws_api_gateway_domain_name.legacy.domain_name
  type    = "A"
  alias {
    name                   = aws_api_gateway_domain_name.legacy.regional_domain_name
    zone_id                = aws_api_gateway_domain_name.legacy.regional_zone_id
    evaluate_target_health = false
  }
}
