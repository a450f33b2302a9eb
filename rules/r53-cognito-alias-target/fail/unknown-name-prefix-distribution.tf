# the custom domain's name is not known here, but the record names it by reference and aliases
# the prefix domain's distribution: the custom host never reaches its own distribution
variable "env" {
  type = string
}

resource "aws_route53_zone" "zone" {
  name = "example.org"
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "prefix" {
  domain       = "my-app-prefix"
  user_pool_id = aws_cognito_user_pool.pool.id
}

resource "aws_cognito_user_pool_domain" "custom" {
  domain          = "auth.${var.env}.example.org"
  certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_route53_record" "auth" {
  zone_id = aws_route53_zone.zone.zone_id
  name    = aws_cognito_user_pool_domain.custom.domain
  type    = "A"
  alias {
    name                   = aws_cognito_user_pool_domain.prefix.cloudfront_distribution
    zone_id                = aws_cognito_user_pool_domain.prefix.cloudfront_distribution_zone_id
    evaluate_target_health = false
  }
}
