# No provider block sets a region: the environment decides, so authwire says "cannot verify".
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_acm_certificate" "auth" {
  domain_name       = "auth.example.com"
  validation_method = "DNS"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = aws_acm_certificate.auth.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}
