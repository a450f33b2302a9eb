# a literal stage name the mapped API has no stage of in this configuration; another API (the
# base's api) has a stage of that name, but a literal is never matched against another API's
# stage (a note)
resource "aws_api_gateway_rest_api" "admin" {
  name = "admin"
}

# the stage is named by a literal (no dependency) and belongs to another API
resource "aws_api_gateway_base_path_mapping" "admin" {
  api_id      = aws_api_gateway_rest_api.admin.id
  stage_name  = "prod"
  domain_name = aws_api_gateway_domain_name.api.domain_name
}
