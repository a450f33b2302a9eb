resource "aws_cognito_user_pool" "pool" {
  name = "users"
}

# the module builds the HTTP API and its JWT authorizer, but .terraform/modules is not there
module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "5.0.0"
  name    = "shop"
  authorizers = {
    cognito = {
      authorizer_type  = "JWT"
      identity_sources = ["$request.header.Authorization"]
      issuer           = "https://${aws_cognito_user_pool.pool.endpoint}"
    }
  }
}
