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

# the certificate is requested with the default (eu-west-1) provider
resource "aws_acm_certificate" "auth" {
  domain_name       = "auth.example.com"
  validation_method = "DNS"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = aws_acm_certificate.auth.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}
