resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

// authwire:ignore r53-record-shape
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [aws_cognito_user_pool.pool.arn]
}

# authwire:ignore rest-scope-defined until=2020-01-01 -- accepted until the scope rename ships
resource "aws_api_gateway_method" "get" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  authorization_scopes = ["api/read"]
}

# authwire:ignore rest-open-method-audit -- public webhook, verified by HMAC in the lambda
resource "aws_api_gateway_method" "post" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "POST"
  authorization = "NONE"
}
