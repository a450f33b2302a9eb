# The apex CNAME is rejected; the CNAME whose zone is not known cannot be placed: a note.
variable "zone_id" {
  type = string
}

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

resource "aws_route53_record" "www" {
  zone_id = var.zone_id
  name    = "www"
  type    = "CNAME"
  ttl     = 300
  records = ["site.example.net"]
}
