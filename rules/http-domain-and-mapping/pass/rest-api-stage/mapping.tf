# an API mapping can map a REST API's stage to a regional custom domain: the stage is the REST API's
# aws_api_gateway_stage of that name
resource "aws_api_gateway_rest_api" "api" { name = "api" }
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers    = { t = timestamp() }
  lifecycle { create_before_destroy = true }
}
resource "aws_api_gateway_stage" "v1" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = "v1"
}
resource "aws_apigatewayv2_api_mapping" "m" {
  api_id          = aws_api_gateway_rest_api.api.id
  domain_name     = aws_apigatewayv2_domain_name.api.id
  stage           = aws_api_gateway_stage.v1.stage_name
  api_mapping_key = "v1"
}
