# a prefix with a random suffix: the unknown part cannot contain a dot, so it is a prefix domain
# (no certificate, parent record or alias is needed)
resource "random_string" "suffix" {
  length  = 6
  special = false
  upper   = false
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "d" {
  domain       = "myapp-${random_string.suffix.result}"
  user_pool_id = aws_cognito_user_pool.pool.id
}
