# Shared base stack for acm-* validation fixtures: a Route 53 zone, a DNS-validated ACM
# certificate for example.com and api.example.com, its validation records made with for_each
# over domain_validation_options, and the aws_acm_certificate_validation that waits for them.
# Every rule is silent on it at warning and error level. See rules/_base/README.md.
data "aws_route53_zone" "zone" {
  name = "example.com"
}

resource "aws_acm_certificate" "cert" {
  domain_name               = "example.com"
  subject_alternative_names = ["api.example.com"]
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
  name            = each.value.name
  records         = [each.value.record]
  ttl             = 60
  type            = each.value.type
  zone_id         = data.aws_route53_zone.zone.zone_id
}

resource "aws_acm_certificate_validation" "cert" {
  certificate_arn         = aws_acm_certificate.cert.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}
