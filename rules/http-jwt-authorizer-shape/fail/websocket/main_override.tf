resource "aws_apigatewayv2_api" "http" {
  protocol_type = "WEBSOCKET"
}

# the JWT authorizer of that API (as in the base)
resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id = aws_apigatewayv2_api.http.id
}
