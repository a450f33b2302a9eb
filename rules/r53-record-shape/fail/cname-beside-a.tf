data "aws_route53_zone" "zone" {
  name = "example.com"
}

resource "aws_route53_record" "api_a" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "api"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.1"]
}

resource "aws_route53_record" "api_cname" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "api.example.com"
  type    = "CNAME"
  ttl     = 300
  records = ["other.example.net"]
}
