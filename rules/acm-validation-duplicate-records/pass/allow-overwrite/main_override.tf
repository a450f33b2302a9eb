resource "aws_acm_certificate" "cert" {
  subject_alternative_names = ["*.example.com"]
}
