# an HTTP API body declares a REST-only cognito_user_pools authorizer: HTTP APIs drop it on
# import (a warning), and the routes that name it are open
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
  body = templatefile("${path.module}/openapi.yaml", {
    pool_arn = aws_cognito_user_pool.pool.arn
  })
}
