# deployed and staged, but the custom domain is mapped to nothing
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
