# the mapping names its API, stage and domain by reference
resource "aws_api_gateway_rest_api" "admin" {
  name = "admin"
}

resource "aws_api_gateway_base_path_mapping" "api" {
  api_id      = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  domain_name = aws_api_gateway_domain_name.api.domain_name
}
