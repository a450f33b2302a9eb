resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.pool.id
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["openid", "email"]
  callback_urls                        = ["https://app.example.com/cb", "http://localhost:3000/cb", "myapp://callback"]
  default_redirect_uri                 = "https://app.example.com/cb"
  supported_identity_providers         = ["COGNITO"]
}
