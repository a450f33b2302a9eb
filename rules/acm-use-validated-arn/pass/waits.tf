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

# waits for the validation: by its certificate_arn, or by depends_on
resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.example.com"
  certificate_arn = aws_acm_certificate_validation.auth.certificate_arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "auth.example.com"
  regional_certificate_arn = aws_acm_certificate.auth.arn
  depends_on               = [aws_acm_certificate_validation.auth]
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
