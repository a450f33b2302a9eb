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

resource "aws_cognito_user_pool_client" "reader" {
  name                                 = "reader"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["orders/view", "orders/manage"]
}

resource "aws_api_gateway_method" "delete" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "DELETE"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  authorization_scopes = ["orders/manage"]
}
