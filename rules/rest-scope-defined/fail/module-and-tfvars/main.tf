module "auth" {
  source = "./modules/auth"
  name   = "orders"
  scopes = { view = "View orders", manage = "Manage orders" }
}

variable "method_scopes" {
  type = map(list(string))
}

resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [module.auth.pool_arn]
}

resource "aws_api_gateway_method" "this" {
  for_each             = var.method_scopes
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = each.key
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  authorization_scopes = each.value
}
