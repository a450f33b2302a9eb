resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
}
