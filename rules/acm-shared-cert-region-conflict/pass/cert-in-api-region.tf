provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

# the shared certificate is in the API region (eu-west-1): right for the API domain; the Cognito
# domain is what fails, and acm-cognito-cert-us-east-1 reports it there
resource "aws_acm_certificate" "shared" {
  domain_name               = "example.com"
  subject_alternative_names = ["auth.example.com", "api.example.com"]
  validation_method         = "DNS"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = aws_acm_certificate.shared.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = aws_acm_certificate.shared.arn
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
