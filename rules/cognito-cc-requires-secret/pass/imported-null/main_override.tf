# generate_secret written as null: how an imported client (which has a secret) is kept from
# being replaced; only a client created from this configuration would be rejected (a note)
resource "aws_cognito_user_pool_client" "m2m" {
  generate_secret = null
}
