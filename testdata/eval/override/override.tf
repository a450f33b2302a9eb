resource "aws_api_gateway_method" "get" {
  authorization = "COGNITO_USER_POOLS"
  lifecycle {
    create_before_destroy = true
  }
}
