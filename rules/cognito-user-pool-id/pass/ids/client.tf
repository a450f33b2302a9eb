# every user_pool_id of the base stack and this client reads the pool's id
resource "aws_cognito_user_pool_client" "app" {
  name         = "app"
  user_pool_id = aws_cognito_user_pool.pool.id
}
