variable "prefix" {}
variable "domain" {}
variable "cert" {}
variable "apex_id" {}
resource "aws_cognito_user_pool" "p" {
  name = "${var.prefix}-pool"
}
resource "aws_cognito_resource_server" "api" {
  identifier   = "${var.prefix}-api"
  name         = "api"
  user_pool_id = aws_cognito_user_pool.p.id
  dynamic "scope" {
    for_each = ["items.read", "items.write"]
    content {
      scope_name        = scope.value
      scope_description = scope.value
    }
  }
}
resource "aws_cognito_user_pool_client" "svc" {
  name                                 = "svc"
  user_pool_id                         = aws_cognito_user_pool.p.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = aws_cognito_resource_server.api.scope_identifiers
}
resource "aws_cognito_user_pool_domain" "d" {
  domain          = var.domain
  certificate_arn = var.cert
  user_pool_id    = aws_cognito_user_pool.p.id
  depends_on      = [terraform_data.apex]
}
resource "terraform_data" "apex" {
  input = var.apex_id
}
output "domain" { value = aws_cognito_user_pool_domain.d.domain }
output "cloudfront" { value = aws_cognito_user_pool_domain.d.cloudfront_distribution }
output "client_id" { value = aws_cognito_user_pool_client.svc.id }
output "endpoint" { value = aws_cognito_user_pool.p.endpoint }
