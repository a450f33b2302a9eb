# an authorizer and a resource that no method uses need not be in the triggers; the method
# covers the resource it sits on (its id contains the resource id)
resource "aws_api_gateway_authorizer" "spare" {
  name          = "spare"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [aws_cognito_user_pool.pool.arn]
}

resource "aws_api_gateway_resource" "empty" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "empty"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_method.get,
      aws_api_gateway_authorizer.cognito,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}
