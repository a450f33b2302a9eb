resource "aws_api_gateway_authorizer" "cognito" {
  provider_arns = [aws_cognito_user_pool.pool.id]
}
