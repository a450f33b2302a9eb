# The client lives in the customers pool, the scope is defined in the staff pool.
locals {
  admin_scope = "${aws_cognito_resource_server.admin.identifier}/all"
}

resource "aws_cognito_user_pool" "staff" {
  name = "staff"
}

resource "aws_cognito_user_pool" "customers" {
  name = "customers"
}

resource "aws_cognito_resource_server" "admin" {
  identifier   = "admin"
  name         = "admin"
  user_pool_id = aws_cognito_user_pool.staff.id
  scope {
    scope_name        = "all"
    scope_description = "all"
  }
}

resource "aws_cognito_user_pool_client" "batch" {
  name                                 = "batch"
  user_pool_id                         = aws_cognito_user_pool.customers.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = [local.admin_scope]
}
