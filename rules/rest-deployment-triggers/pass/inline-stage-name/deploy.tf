# a deployment that creates its own stage deletes it with itself: no "active stages" error
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "v1"
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get, aws_api_gateway_authorizer.cognito]))
  }
}
