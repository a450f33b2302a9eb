variable "pool_id" {}
variable "scopes" {
  type = list(string)
}

resource "aws_cognito_resource_server" "this" {
  identifier   = "api"
  name         = "api"
  user_pool_id = var.pool_id
  dynamic "scope" {
    for_each = var.scopes
    iterator = s
    content {
      scope_name        = s.value
      scope_description = "can ${s.value}"
    }
  }
}

output "scopes" {
  value = aws_cognito_resource_server.this.scope_identifiers
}
