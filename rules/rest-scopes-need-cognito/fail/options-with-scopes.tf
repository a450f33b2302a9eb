resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

# copied from the protected GET method: authorization changed, scopes left behind
resource "aws_api_gateway_method" "options" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "OPTIONS"
  authorization        = "NONE"
  authorization_scopes = ["api/read"]
}
