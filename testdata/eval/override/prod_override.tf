locals {
  stage = "prod"
}

resource "aws_route53_record" "r" {
  alias {
    name                   = "new.example.com"
    zone_id                = "Z3"
    evaluate_target_health = true
  }
}
