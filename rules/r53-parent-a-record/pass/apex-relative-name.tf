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

resource "aws_route53_record" "apex" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = ""
  type    = "A"
  ttl     = 300
  records = ["192.0.2.1"]
}

resource "aws_cognito_user_pool_domain" "auth" {
  domain          = "auth.${var.domain}"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  user_pool_id    = aws_cognito_user_pool.pool.id
  depends_on      = [aws_route53_record.apex]
}
