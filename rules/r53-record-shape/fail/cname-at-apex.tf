data "aws_route53_zone" "zone" {
  name = "example.com"
}

resource "aws_route53_record" "apex" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "example.com"
  type    = "CNAME"
  ttl     = 300
  records = ["site.example.net"]
}
