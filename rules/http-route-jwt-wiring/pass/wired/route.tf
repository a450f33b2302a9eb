resource "aws_apigatewayv2_route" "r" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /items"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
}
