variable "domain" {
  type    = string
  default = "shop.example.net"
}

data "aws_route53_zone" "zone" {
  name = var.domain
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

# A certificate issued outside this configuration: authwire cannot read its names (a note).
data "aws_acm_certificate" "issued" {
  domain   = var.domain
  statuses = ["ISSUED"]
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.${var.domain}"
  certificate_arn = data.aws_acm_certificate.issued.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}
