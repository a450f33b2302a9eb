resource "aws_apigatewayv2_authorizer" "jwt" {
  jwt_configuration {
    audience = [aws_cognito_user_pool_client.m2m.id]
    issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.pool.id}"
  }
}
