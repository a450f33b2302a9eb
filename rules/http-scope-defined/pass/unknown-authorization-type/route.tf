# an authorization type not known here: "cannot verify" (a note), never silence
resource "aws_apigatewayv2_route" "scoped" {
  api_id               = aws_apigatewayv2_api.http.id
  route_key            = "GET /orders"
  authorization_type   = var.u
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = ["orders/reads"]
}
