# A JWT authorizer that trusts another identity provider: not a Cognito pool, nothing to check.
resource "aws_apigatewayv2_api" "http" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_authorizer" "auth0" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "auth0"
  jwt_configuration {
    audience = ["https://orders.example.com"]
    issuer   = "https://example.eu.auth0.com/"
  }
}

resource "aws_apigatewayv2_route" "list" {
  api_id               = aws_apigatewayv2_api.http.id
  route_key            = "GET /orders"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.auth0.id
  authorization_scopes = ["read:orders"]
}
