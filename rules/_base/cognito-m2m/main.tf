# Shared base stack for cognito-* rule fixtures: a user pool with a prefix domain, a resource
# server with scope api/read, and a client_credentials client with a secret that may request it.
# Every rule is silent on it at warning and error level. Overlays add the client under test
# (`aws_cognito_user_pool_client.client`) in a file of their own (see rules/_base/README.md).
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_cognito_user_pool_domain" "d" {
  domain       = "shop-login"
  user_pool_id = aws_cognito_user_pool.pool.id
}

resource "aws_cognito_resource_server" "api" {
  identifier   = "api"
  name         = "api"
  user_pool_id = aws_cognito_user_pool.pool.id
  scope {
    scope_name        = "read"
    scope_description = "read"
  }
}

resource "aws_cognito_user_pool_client" "m2m" {
  name                                 = "m2m"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = aws_cognito_resource_server.api.scope_identifiers
}
