resource "aws_cognito_resource_server" "orders" {
  identifier   = "orders"
  name         = "orders"
  user_pool_id = aws_cognito_user_pool.pool.id
  scope {
    scope_name        = "view"
    scope_description = "view"
  }
  scope {
    scope_name        = "manage"
    scope_description = "manage"
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["openid", "email", "orders/view"]
  callback_urls                        = ["https://shop.example.com/callback"]
  supported_identity_providers         = ["COGNITO"]
  # a literal scope is fine once the client waits for the resource server that defines it
  depends_on = [aws_cognito_resource_server.orders]
}

resource "aws_cognito_user_pool_client" "fulfilment" {
  name                                 = "fulfilment"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = aws_cognito_resource_server.orders.scope_identifiers
}
