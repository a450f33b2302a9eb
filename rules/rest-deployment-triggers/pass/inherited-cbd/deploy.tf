# the stage's create_before_destroy is forced onto the deployment it depends on
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get, aws_api_gateway_authorizer.cognito]))
  }
}

resource "aws_api_gateway_stage" "v1" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = "v1"
  lifecycle {
    create_before_destroy = true
  }
}
