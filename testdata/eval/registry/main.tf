# A root whose modules come from the registry: after `terraform init`, modules.json maps each call
# (and nested call) to the directory holding its source.
resource "aws_cognito_user_pool" "pool" {
  name = "users"
}

module "api" {
  source  = "example-corp/http-api/aws"
  version = "1.2.0"
  name    = "shop"
  issuer  = "https://${aws_cognito_user_pool.pool.endpoint}"
}
