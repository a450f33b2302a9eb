# the zone is read by a data source and this root writes only validation records into it: its
# records (the parent A record included) live elsewhere, so a note
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

resource "aws_acm_certificate" "cert" {
  domain_name               = var.domain
  subject_alternative_names = ["auth.${var.domain}"]
  validation_method         = "DNS"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.${var.domain}"
  certificate_arn = aws_acm_certificate.cert.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_route53_record" "validation" {
  for_each = {
    for dvo in aws_acm_certificate.cert.domain_validation_options : dvo.domain_name => dvo
  }
  zone_id         = data.aws_route53_zone.zone.zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 60
  allow_overwrite = true
}
