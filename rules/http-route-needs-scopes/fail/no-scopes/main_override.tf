# the machine client is in the audience: only the route's own unknown value decides
resource "aws_apigatewayv2_authorizer" "jwt" {
  jwt_configuration {
    audience = [aws_cognito_user_pool_client.web.id, aws_cognito_user_pool_client.m2m.id]
    issuer   = "https://${aws_cognito_user_pool.pool.endpoint}"
  }
}
