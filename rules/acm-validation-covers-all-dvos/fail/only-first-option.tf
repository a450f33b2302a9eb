data "aws_route53_zone" "zone" {
  name = "example.com"
}

resource "aws_acm_certificate" "cert" {
  domain_name               = "example.com"
  subject_alternative_names = ["auth.example.com", "api.example.com"]
  validation_method         = "DNS"
}

# only the first validation option gets a record: auth. and api. stay pending
resource "aws_route53_record" "validation" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = tolist(aws_acm_certificate.cert.domain_validation_options)[0].resource_record_name
  type    = tolist(aws_acm_certificate.cert.domain_validation_options)[0].resource_record_type
  records = [tolist(aws_acm_certificate.cert.domain_validation_options)[0].resource_record_value]
  ttl     = 60
}

resource "aws_acm_certificate_validation" "cert" {
  certificate_arn         = aws_acm_certificate.cert.arn
  validation_record_fqdns = [aws_route53_record.validation.fqdn]
}
