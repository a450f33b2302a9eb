# a zone created here starts empty: nothing gives the parent its A record
variable "domain" {
  type    = string
  default = "shop.example.net"
}

resource "aws_route53_zone" "zone" {
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

resource "aws_route53_record" "auth" {
  zone_id = aws_route53_zone.zone.zone_id
  name    = aws_cognito_user_pool_domain.auth.domain
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.auth.cloudfront_distribution
    zone_id                = aws_cognito_user_pool_domain.auth.cloudfront_distribution_zone_id
    evaluate_target_health = false
  }
}
