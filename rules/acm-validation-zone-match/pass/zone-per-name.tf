data "aws_route53_zone" "com" {
  name = "example.com"
}

data "aws_route53_zone" "org" {
  name = "example.org"
}

locals {
  zone_of = {
    "example.com"     = data.aws_route53_zone.com.zone_id
    "api.example.org" = data.aws_route53_zone.org.zone_id
  }
}

resource "aws_acm_certificate" "cert" {
  domain_name               = "example.com"
  subject_alternative_names = ["api.example.org"]
  validation_method         = "DNS"
}

resource "aws_route53_record" "validation" {
  for_each = {
    for dvo in aws_acm_certificate.cert.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }
  allow_overwrite = true
  name    = each.value.name
  records = [each.value.record]
  ttl     = 60
  type    = each.value.type
  zone_id = local.zone_of[each.key]
}
