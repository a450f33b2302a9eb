# the name is not known here, but a certificate_arn makes it a custom domain: it must wait for
# the validation like any other
variable "env" {
  type = string
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_acm_certificate" "auth" {
  domain_name       = "auth.${var.env}.example.com"
  validation_method = "DNS"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.${var.env}.example.com"
  certificate_arn = aws_acm_certificate.auth.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_acm_certificate_validation" "auth" {
  certificate_arn = aws_acm_certificate.auth.arn
}
