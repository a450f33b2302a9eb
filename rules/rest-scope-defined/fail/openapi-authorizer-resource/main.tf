# the document's operations name the scheme "cognito"; the authorizer of that name is an
# aws_api_gateway_authorizer resource of the API, which trusts the pool; a scope is a typo
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_resource_server" "orders" {
  identifier   = "orders"
  name         = "orders"
  user_pool_id = aws_cognito_user_pool.pool.id
  scope {
    scope_name        = "read"
    scope_description = "read"
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
  body = file("${path.module}/openapi.yaml")
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [aws_cognito_user_pool.pool.arn]
}
