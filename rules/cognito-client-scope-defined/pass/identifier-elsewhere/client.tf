# a scope of a resource server no resource server of this configuration has the identifier of
# (not a typo of "api"): it may be managed elsewhere, so a note
resource "aws_cognito_user_pool_client" "partner" {
  name                                 = "partner"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["https://partner.example.org/orders/read"]
}
