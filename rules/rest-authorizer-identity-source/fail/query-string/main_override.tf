resource "aws_api_gateway_authorizer" "cognito" {
  identity_source = "method.request.querystring.token"
}
