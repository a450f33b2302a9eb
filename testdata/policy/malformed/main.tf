# authwire:ignore no-such-rule -- typo in the rule id
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}
