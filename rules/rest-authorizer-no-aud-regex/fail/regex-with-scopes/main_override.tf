resource "aws_api_gateway_authorizer" "cognito" {
  identity_validation_expression = "^[a-z0-9]+$"
}
