# an authorizer type not known here: "cannot verify" (a note), never silence
resource "aws_apigatewayv2_authorizer" "jwt" {
  authorizer_type = var.u
  jwt_configuration {
    audience = ["orders"]
    issuer   = "https://${aws_cognito_user_pool.pool.endpoint}/"
  }
}
