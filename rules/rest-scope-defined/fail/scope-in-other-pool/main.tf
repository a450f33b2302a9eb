# The scope exists, but in the partners pool; the authorizer only trusts the staff pool.
resource "aws_cognito_user_pool" "staff" {
  name = "staff"
}

resource "aws_cognito_user_pool" "partners" {
  name = "partners"
}

resource "aws_cognito_resource_server" "partner_api" {
  identifier   = "https://api.example.com"
  name         = "partner-api"
  user_pool_id = aws_cognito_user_pool.partners.id
  scope {
    scope_name        = "orders.read"
    scope_description = "read orders"
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}

resource "aws_api_gateway_authorizer" "staff" {
  name          = "staff"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [aws_cognito_user_pool.staff.arn]
}

resource "aws_api_gateway_method" "list" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.staff.id
  authorization_scopes = ["https://api.example.com/orders.read"]
}
