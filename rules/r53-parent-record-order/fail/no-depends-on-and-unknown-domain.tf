# auth races its parent's A record; staff's domain is not known: a note.
variable "domain" {
  type    = string
  default = "shop.example.net"
}

variable "staff_domain" {
  type = string
}

data "aws_route53_zone" "zone" {
  name = var.domain
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_route53_record" "apex" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = var.domain
  type    = "A"
  ttl     = 300
  records = ["192.0.2.1"]
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.${var.domain}"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
}

resource "aws_cognito_user_pool_domain" "staff" {
  domain          = var.staff_domain
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
  depends_on      = [aws_route53_record.apex]
}
