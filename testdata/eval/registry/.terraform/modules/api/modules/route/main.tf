variable "api_id" {
  type = string
}

variable "authorizer_id" {
  type = string
}

resource "aws_apigatewayv2_route" "get" {
  api_id             = var.api_id
  route_key          = "GET /"
  authorization_type = "JWT"
  authorizer_id      = var.authorizer_id
}
