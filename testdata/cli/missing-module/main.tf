module "auth" {
  source = "./modules/does-not-exist"
}

resource "aws_cognito_user_pool_client" "m2m" {
  name                = "m2m"
  user_pool_id        = "eu-west-1_abc"
  allowed_oauth_flows = ["client_credentials", "code"]
}
