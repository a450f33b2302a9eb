# scopes not known here on an open route: "cannot verify" (a note), never silence
resource "aws_apigatewayv2_route" "open" {
  api_id               = aws_apigatewayv2_api.http.id
  route_key            = "GET /open"
  authorization_scopes = var.ul
}
