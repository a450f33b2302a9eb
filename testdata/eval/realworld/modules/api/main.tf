variable "name" {
  type = string
}

variable "routes" {
  type = map(object({
    authorizer_id = optional(string)
  }))
  default = {}
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "this" {
  for_each      = var.routes
  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  authorization_type = each.value.authorizer_id != null ? "CUSTOM" : "NONE"
  authorizer_id      = each.value.authorizer_id
}

output "api_id" {
  value = aws_apigatewayv2_api.this.id
}
