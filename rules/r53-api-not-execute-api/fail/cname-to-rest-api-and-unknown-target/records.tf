# api is a CNAME to the REST API's execute-api host; www's target is not known: a note.
variable "www_target" {
  type = string
}

resource "aws_route53_record" "api" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "api"
  type    = "CNAME"
  ttl     = 300
  records = ["${aws_api_gateway_rest_api.api.id}.execute-api.eu-west-1.amazonaws.com"]
}

resource "aws_route53_record" "www" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "www"
  type    = "CNAME"
  ttl     = 300
  records = [var.www_target]
}
