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

# *.shop.example.net covers exactly one label: not a.b.shop.example.net
resource "aws_acm_certificate" "wild" {
  domain_name       = "*.${var.domain}"
  validation_method = "DNS"
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "login.auth.${var.domain}"
  certificate_arn = aws_acm_certificate.wild.arn
  user_pool_id    = aws_cognito_user_pool.pool.id
}
