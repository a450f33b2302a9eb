# the record points at the HTTP API's own endpoint, not at its custom domain
resource "aws_route53_record" "api" {
  zone_id = data.aws_route53_zone.zone.zone_id
  name    = "api.${var.domain}"
  type    = "CNAME"
  ttl     = 300
  records = [trimprefix(aws_apigatewayv2_api.http.api_endpoint, "https://")]
}
