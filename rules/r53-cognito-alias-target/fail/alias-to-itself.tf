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

# the alias names the custom domain itself instead of its CloudFront distribution
resource "aws_route53_record" "auth" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "auth.example.com"
  type    = "A"
  alias {
    name                   = "auth.example.com"
    zone_id                = "Z2FDTNDATAQYW2"
    evaluate_target_health = false
  }
}
