# an authorization type not known here: "cannot verify" (a note), never silence
resource "aws_apigatewayv2_route" "proxy" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "ANY /{proxy+}"
  authorization_type = var.u
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
}
