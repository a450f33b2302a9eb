resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.pool.id
  access_token_validity  = 60
  id_token_validity      = 1
  refresh_token_validity = 30
  token_validity_units {
    access_token  = "minutes"
    id_token      = "hours"
    refresh_token = "days"
  }
}
