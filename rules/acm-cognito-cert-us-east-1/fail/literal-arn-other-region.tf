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

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = "arn:aws:acm:eu-central-1:123456789012:certificate/0b0a8f4e-1111-2222-3333-444455556666"
  user_pool_id    = aws_cognito_user_pool.pool.id
}
