resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_acm_certificate" "auth" {
  domain_name       = "auth.example.com"
  validation_method = "DNS"
}

resource "aws_acm_certificate_validation" "auth" {
  certificate_arn = aws_acm_certificate.auth.arn
}

# uses the raw certificate ARN and does not depend on the validation
resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = aws_acm_certificate.auth.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "auth.example.com"
  regional_certificate_arn = aws_acm_certificate.auth.arn
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
