variable "name" {}

resource "aws_cognito_user_pool" "this" {
  name = var.name
}

module "server" {
  source  = "../nested"
  pool_id = aws_cognito_user_pool.this.id
  scopes  = ["read", "write"]
}

output "server_scopes" {
  value = module.server.scopes
}
