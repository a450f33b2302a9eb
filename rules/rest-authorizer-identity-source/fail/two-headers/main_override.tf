resource "aws_api_gateway_authorizer" "cognito" {
  identity_source = "method.request.header.Authorization,method.request.header.X-Token"
}
