# a custom domain no API mapping maps here: 403 unless a mapping is made elsewhere (a note)
resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "api.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
