# callback and logout URLs alone are not OAuth intent: the client signs in through the SDK
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_client" "app" {
  name                = "app"
  user_pool_id        = aws_cognito_user_pool.pool.id
  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  callback_urls       = ["https://app.example.com/callback"]
  logout_urls         = ["https://app.example.com/"]
}
