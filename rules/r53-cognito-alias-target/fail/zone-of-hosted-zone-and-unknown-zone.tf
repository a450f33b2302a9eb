# auth's alias takes the hosted zone's id; staff's alias zone is not known: a note.
variable "distribution_zone" {
  type = string
}

data "aws_route53_zone" "zone" {
  name = "example.com"
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_route53_record" "auth" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = aws_cognito_user_pool_domain.auth.domain
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.auth.cloudfront_distribution
    zone_id                = data.aws_route53_zone.zone.zone_id
    evaluate_target_health = false
  }
}

resource "aws_cognito_user_pool_domain" "staff" {
  domain          = "staff.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_route53_record" "staff" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = aws_cognito_user_pool_domain.staff.domain
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.staff.cloudfront_distribution
    zone_id                = var.distribution_zone
    evaluate_target_health = false
  }
}
