# triggers from a hash of the configuration files: what they cover cannot be told (a note)
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = filesha1("${path.module}/main.tf")
  }
  lifecycle {
    create_before_destroy = true
  }
}
