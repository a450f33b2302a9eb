provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}

resource "aws_acm_certificate" "auth" {
  provider          = aws.use1
  domain_name       = "auth.example.com"
  validation_method = "DNS"
}

resource "aws_route53_record" "validation" {
  for_each = { for d in aws_acm_certificate.auth.domain_validation_options : d.domain_name => d }
  zone_id  = "Z0123456789ABCDEFGHIJ"
  name     = each.value.resource_record_name
  type     = each.value.resource_record_type
  records  = [each.value.resource_record_value]
  ttl      = 60
}

# the validation runs with the default (eu-west-1) provider
resource "aws_acm_certificate_validation" "auth" {
  certificate_arn         = aws_acm_certificate.auth.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}
