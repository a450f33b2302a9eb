# null unsets the argument, as if the base never set it
resource "aws_api_gateway_authorizer" "cognito" {
  provider_arns = null
}
