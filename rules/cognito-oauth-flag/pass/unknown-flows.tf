# the flows come from a variable with no value: a "cannot verify" note, not an error
variable "flows" {
  type = list(string)
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_client" "app" {
  name                = "app"
  user_pool_id        = aws_cognito_user_pool.pool.id
  allowed_oauth_flows = var.flows
}
