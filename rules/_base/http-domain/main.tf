# Shared base stack for fixtures about an HTTP API's custom domain and its DNS: a Route 53 zone
# read by a data source (var.domain, example.com), an HTTP API with an auto-deployed $default
# stage, and a REGIONAL custom domain api.example.com with a certificate. No API mapping and no
# record: those are what the fixtures test, so overlays add them (a note says the domain maps
# nothing). Every rule is silent on it at warning and error level. See rules/_base/README.md.
variable "domain" {
  type    = string
  default = "example.com"
}

data "aws_route53_zone" "zone" {
  name = var.domain
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "api.${var.domain}"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
