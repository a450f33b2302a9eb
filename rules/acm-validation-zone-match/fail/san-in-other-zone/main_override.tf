# api.example.org is not in zone example.com
resource "aws_acm_certificate" "cert" {
  subject_alternative_names = ["api.example.org"]
}

# the records go into the zone above (as in the base)
resource "aws_route53_record" "validation" {
  zone_id = data.aws_route53_zone.zone.zone_id
}
