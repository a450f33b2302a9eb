# triggers that do not hash the body: a change of the document is never deployed
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
  body = templatefile("${path.module}/openapi.yaml", {
    pool_arn = aws_cognito_user_pool.pool.arn
  })
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(aws_cognito_user_pool.pool.name)
  }
  lifecycle {
    create_before_destroy = true
  }
}
