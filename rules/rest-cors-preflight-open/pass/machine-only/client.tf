resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  allowed_oauth_flows                  = ["client_credentials"]
  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["api/read"]
  supported_identity_providers         = ["COGNITO"]
}
