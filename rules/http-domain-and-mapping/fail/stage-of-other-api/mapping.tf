# the mapping maps the base's API with a stage of another API (which is not deployed either)
resource "aws_apigatewayv2_api" "other" {
  name          = "other"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "live" {
  api_id = aws_apigatewayv2_api.other.id
  name   = "live"
}

resource "aws_apigatewayv2_api_mapping" "api" {
  api_id      = aws_apigatewayv2_api.http.id
  domain_name = aws_apigatewayv2_domain_name.api.id
  stage       = aws_apigatewayv2_stage.live.id
}
