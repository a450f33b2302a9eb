resource "aws_apigatewayv2_route" "list" {
  api_id               = aws_apigatewayv2_api.http.id
  route_key            = "GET /orders"
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = ["orders/read"]
}
