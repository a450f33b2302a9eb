# GET /items of the base, protected by the Cognito authorizer; /items has no OPTIONS method
resource "aws_api_gateway_method" "get" {
  http_method = "GET"
}
