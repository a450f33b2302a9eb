# Shared base stack for fixtures about a REST API's custom domain and its DNS: a Route 53 zone
# read by a data source (var.domain, shop.example.net), a REST API with a deployment and stage
# prod, and a REGIONAL custom domain api.shop.example.net with a certificate. No base path
# mapping and no record: those are what the fixtures test, so overlays add them (a note says the
# domain maps nothing). Every rule is silent on it at warning and error level. See
# rules/_base/README.md.
variable "domain" {
  type    = string
  default = "shop.example.net"
}

data "aws_route53_zone" "zone" {
  name = var.domain
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers    = { redeployment = sha1(jsonencode(aws_api_gateway_rest_api.api.body)) }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = "prod"
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.${var.domain}"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
