resource "aws_apigatewayv2_authorizer" "jwt" {
  jwt_configuration {
    audience = [aws_cognito_user_pool_client.m2m.id]
    issuer   = "https://${aws_cognito_user_pool.pool.endpoint}"
  }
}
