# the dynamic block depends on a variable with no value: "cannot verify" (a note), never "absent"
variable "jwt" {
  type = object({ issuer = string, audience = list(string) })
}
resource "aws_apigatewayv2_api" "a" {
  name          = "a"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_authorizer" "j" {
  api_id           = aws_apigatewayv2_api.a.id
  authorizer_type  = "JWT"
  name             = "j"
  identity_sources = ["$request.header.Authorization"]
  dynamic "jwt_configuration" {
    for_each = var.jwt != null ? [var.jwt] : []
    content {
      issuer   = jwt_configuration.value.issuer
      audience = jwt_configuration.value.audience
    }
  }
}
