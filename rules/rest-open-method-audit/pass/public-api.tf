resource "aws_api_gateway_rest_api" "public" {
  name = "public"
}

# an API without any Cognito method: nothing to compare with
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.public.id
  resource_id   = aws_api_gateway_rest_api.public.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}
