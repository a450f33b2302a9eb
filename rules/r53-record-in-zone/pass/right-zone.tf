data "aws_route53_zone" "zone" {
  name = "example.com"
}

data "aws_route53_zone" "shop" {
  name = "shop.example.net"
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.shop.example.net"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_route53_record" "auth" {
  zone_id = data.aws_route53_zone.shop.zone_id
  name    = aws_cognito_user_pool_domain.auth.domain
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.auth.cloudfront_distribution
    zone_id                = aws_cognito_user_pool_domain.auth.cloudfront_distribution_zone_id
    evaluate_target_health = false
  }
}
