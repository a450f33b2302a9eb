variable "name" {
  type = string
}

variable "issuer" {
  type = string
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.this.id
  authorizer_type  = "JWT"
  name             = "cognito"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = var.issuer
    audience = ["client"]
  }
}

module "acm" {
  source  = "example-corp/acm/aws"
  version = "2.0.0"
  domain  = "api.example.com"
}

module "route" {
  source        = "./modules/route"
  api_id        = aws_apigatewayv2_api.this.id
  authorizer_id = aws_apigatewayv2_authorizer.jwt.id
}
