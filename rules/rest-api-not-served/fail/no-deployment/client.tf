# the base stack has methods and no deployment (nothing more is needed to show it)
resource "aws_cognito_user_pool_client" "extra" {
  name         = "extra"
  user_pool_id = aws_cognito_user_pool.pool.id
}
