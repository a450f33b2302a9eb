# the API is an OpenAPI document; its POST operation asks for a scope the resource server does
# not define (a typo of orders/write)
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
  scope {
    scope_name        = "write"
    scope_description = "write"
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
  body = templatefile("${path.module}/openapi.yaml", {
    pool_arn = aws_cognito_user_pool.pool.arn
  })
}
