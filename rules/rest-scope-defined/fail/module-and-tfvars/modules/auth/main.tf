variable "name" {
  type = string
}

variable "scopes" {
  type = map(string)
}

resource "aws_cognito_user_pool" "this" {
  name = var.name
}

resource "aws_cognito_resource_server" "this" {
  identifier   = var.name
  name         = var.name
  user_pool_id = aws_cognito_user_pool.this.id

  dynamic "scope" {
    for_each = var.scopes
    content {
      scope_name        = scope.key
      scope_description = scope.value
    }
  }
}

output "pool_arn" {
  value = aws_cognito_user_pool.this.arn
}
