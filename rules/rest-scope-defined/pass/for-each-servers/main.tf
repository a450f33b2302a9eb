locals {
  apis = {
    orders   = ["read", "write"]
    invoices = ["read"]
  }
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_resource_server" "api" {
  for_each     = local.apis
  identifier   = each.key
  name         = each.key
  user_pool_id = aws_cognito_user_pool.pool.id

  dynamic "scope" {
    for_each = toset(each.value)
    content {
      scope_name        = scope.value
      scope_description = "${scope.value} ${each.key}"
    }
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "billing"
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [aws_cognito_user_pool.pool.arn]
}

resource "aws_api_gateway_method" "get_invoices" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  authorization_scopes = [for s in aws_cognito_resource_server.api["invoices"].scope_identifiers : s]
}

resource "aws_api_gateway_method" "post_orders" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "POST"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  authorization_scopes = ["${aws_cognito_resource_server.api["orders"].identifier}/write", "openid"]
}
