provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

# everything in us-east-1: one shared certificate is fine
resource "aws_acm_certificate" "shared" {
  domain_name               = "example.com"
  subject_alternative_names = ["auth.example.com", "api.example.com"]
  validation_method         = "DNS"
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = aws_acm_certificate.shared.arn
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
