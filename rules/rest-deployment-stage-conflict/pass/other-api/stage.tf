# another API's stage "prod" is another stage
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "prod"
}

resource "aws_api_gateway_rest_api" "admin" {
  name = "admin"
}

resource "aws_api_gateway_stage" "admin_prod" {
  rest_api_id   = aws_api_gateway_rest_api.admin.id
  deployment_id = "abc123"
  stage_name    = "prod"
}
