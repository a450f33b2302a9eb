# the pool's ARN where its id is expected
resource "aws_cognito_user_pool_client" "app" {
  name         = "app"
  user_pool_id = aws_cognito_user_pool.pool.arn
}
