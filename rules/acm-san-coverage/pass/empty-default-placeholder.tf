# names built from a root variable left at "" ("api." and "*.") are not decided yet: a note
variable "zone" {
  type    = string
  default = ""
}

resource "aws_acm_certificate" "cert" {
  domain_name               = var.zone
  subject_alternative_names = ["*.${var.zone}"]
  validation_method         = "DNS"
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.${var.zone}"
  regional_certificate_arn = aws_acm_certificate.cert.arn
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
