resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "d" {
  user_pool_id = aws_cognito_user_pool.pool.id
  domain = "Shop_Login"
}
