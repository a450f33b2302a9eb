# a module repository: its own directory is a module its example calls (with count = 0)
variable "api_id" {
  type = string
}

resource "aws_api_gateway_method" "get" {
  rest_api_id          = var.api_id
  resource_id          = "root"
  http_method          = "GET"
  authorization        = "NONE"
  authorization_scopes = ["api/read"]
}
