resource "aws_apigatewayv2_route" "r" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /items"
  authorizer_id = aws_apigatewayv2_authorizer.jwt.id
}
