locals {
  stage = "dev"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = "api"
  resource_id   = "res"
  http_method   = "GET"
  authorization = "NONE"

  lifecycle {
    create_before_destroy = false
    ignore_changes        = [tags]
  }
}

resource "aws_route53_record" "r" {
  zone_id = "Z1"
  name    = "a.example.com"
  type    = "A"
  alias {
    name                   = "old.example.com"
    zone_id                = "Z2"
    evaluate_target_health = false
  }
}
