# A pool managed elsewhere, named by its ARN.
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"]
}
