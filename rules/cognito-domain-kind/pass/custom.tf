resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "d" {
  user_pool_id = aws_cognito_user_pool.pool.id
  domain          = "auth.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
}
