# the document-level security requirement also applies to the OPTIONS operation, which does not
# override it: browsers' preflights get 401
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_resource_server" "api" {
  identifier   = "api"
  name         = "api"
  user_pool_id = aws_cognito_user_pool.pool.id
  scope {
    scope_name        = "read"
    scope_description = "read"
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = aws_cognito_resource_server.api.scope_identifiers
  callback_urls                        = ["https://app.example.com/callback"]
  supported_identity_providers         = ["COGNITO"]
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  body = templatefile("${path.module}/openapi.yaml", {
    pool_arn = aws_cognito_user_pool.pool.arn
  })
}
