# example.com and *.example.com share one validation record; null unsets allow_overwrite
resource "aws_acm_certificate" "cert" {
  subject_alternative_names = ["*.example.com"]
}

resource "aws_route53_record" "validation" {
  name            = each.value.name
  allow_overwrite = null
}
