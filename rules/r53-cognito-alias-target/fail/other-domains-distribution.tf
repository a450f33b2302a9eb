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

resource "aws_cognito_user_pool" "staff" {
  name = "staff"
}

resource "aws_cognito_user_pool_domain" "staff" {
  domain          = "staff-auth.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.staff.id
}

# copy-paste: the auth record aliases the staff domain's distribution
resource "aws_route53_record" "auth" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "auth"
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.staff.cloudfront_distribution
    zone_id                = "Z2FDTNDATAQYW2"
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "staff" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = aws_cognito_user_pool_domain.staff.domain
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.staff.cloudfront_distribution
    zone_id                = aws_cognito_user_pool_domain.staff.cloudfront_distribution_zone_id
    evaluate_target_health = false
  }
}
