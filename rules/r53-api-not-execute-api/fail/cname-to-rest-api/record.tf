# the record points at the REST API's execute-api host, not at its custom domain
resource "aws_route53_record" "api" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "api"
  type    = "CNAME"
  ttl     = 300
  records = ["${aws_api_gateway_rest_api.api.id}.execute-api.eu-west-1.amazonaws.com"]
}
