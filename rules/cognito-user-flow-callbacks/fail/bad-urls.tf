resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.pool.id
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = ["http://app.example.com/cb", "https://app.example.com/#/cb", "https://app.example.com/cb"]
  default_redirect_uri                 = "https://app.example.com/home"
  supported_identity_providers         = ["COGNITO"]
}
