resource "aws_apigatewayv2_api" "http" {
  name          = "health"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "health" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /health"
  authorization_type = "NONE"
}
