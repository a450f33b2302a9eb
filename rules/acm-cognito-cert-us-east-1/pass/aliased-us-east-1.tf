provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_acm_certificate" "auth" {
  provider          = aws.use1
  domain_name       = "auth.example.com"
  validation_method = "DNS"
}

resource "aws_acm_certificate_validation" "auth" {
  provider        = aws.use1
  certificate_arn = aws_acm_certificate.auth.arn
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = aws_acm_certificate_validation.auth.certificate_arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_cognito_user_pool_domain" "prefix" {
  domain       = "example-login"
  user_pool_id = aws_cognito_user_pool.pool.id
}
