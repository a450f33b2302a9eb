# null unsets the argument: GET /items uses the Cognito authorizer without scopes
resource "aws_api_gateway_method" "get" {
  authorization_scopes = null
}
