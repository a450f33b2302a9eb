################################################################################
# REST API (from the previous post of the series)
################################################################################
resource "aws_api_gateway_rest_api" "API-gateway" {
  name        = "books-api"
  description = "Books API protected by Cognito"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "API-resource-books" {
  rest_api_id = aws_api_gateway_rest_api.API-gateway.id
  parent_id   = aws_api_gateway_rest_api.API-gateway.root_resource_id
  path_part   = "books"
}

resource "aws_api_gateway_resource" "API-resource-book" {
  rest_api_id = aws_api_gateway_rest_api.API-gateway.id
  parent_id   = aws_api_gateway_rest_api.API-gateway.root_resource_id
  path_part   = "book"
}

resource "aws_api_gateway_resource" "API-resource-book-id" {
  rest_api_id = aws_api_gateway_rest_api.API-gateway.id
  parent_id   = aws_api_gateway_resource.API-resource-book.id
  path_part   = "{bookId}"
}

################################################################################
# Cognito Authorizer
################################################################################
resource "aws_api_gateway_authorizer" "my_authorizer" {
  name                             = "my_authorizer"
  rest_api_id                      = aws_api_gateway_rest_api.API-gateway.id
  type                             = "COGNITO_USER_POOLS"
  provider_arns                    = [aws_cognito_user_pool.my_cognito_user_pool.arn]
  authorizer_result_ttl_in_seconds = 0
}

################################################################################
## GET /books
################################################################################
resource "aws_api_gateway_method" "GET_all_method" {
  rest_api_id          = aws_api_gateway_rest_api.API-gateway.id
  resource_id          = aws_api_gateway_resource.API-resource-books.id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.my_authorizer.id
  authorization_scopes = ["${var.authorization_scopes}"]
}

################################################################################
## GET /book/{bookId}
################################################################################
resource "aws_api_gateway_method" "GET_one_method" {
  rest_api_id          = aws_api_gateway_rest_api.API-gateway.id
  resource_id          = aws_api_gateway_resource.API-resource-book-id.id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.my_authorizer.id
  authorization_scopes = ["${var.authorization_scopes}"]
}

################################################################################
## POST /book
################################################################################
resource "aws_api_gateway_method" "POST_method" {
  rest_api_id          = aws_api_gateway_rest_api.API-gateway.id
  resource_id          = aws_api_gateway_resource.API-resource-book.id
  http_method          = "POST"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.my_authorizer.id
  authorization_scopes = ["${var.authorization_scopes}"]
}

################################################################################
## DELETE /book/{bookId}: copied from the GET method, scope typed by hand
################################################################################
resource "aws_api_gateway_method" "DELETE_method" {
  rest_api_id          = aws_api_gateway_rest_api.API-gateway.id
  resource_id          = aws_api_gateway_resource.API-resource-book-id.id
  http_method          = "DELETE"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.my_authorizer.id
  authorization_scopes = ["myapi/al"]
}

resource "aws_api_gateway_integration" "GET_all_integration" {
  rest_api_id             = aws_api_gateway_rest_api.API-gateway.id
  resource_id             = aws_api_gateway_resource.API-resource-books.id
  http_method             = aws_api_gateway_method.GET_all_method.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.books.invoke_arn
}

resource "aws_api_gateway_integration" "GET_one_integration" {
  rest_api_id             = aws_api_gateway_rest_api.API-gateway.id
  resource_id             = aws_api_gateway_resource.API-resource-book-id.id
  http_method             = aws_api_gateway_method.GET_one_method.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.books.invoke_arn
}

resource "aws_api_gateway_integration" "POST_integration" {
  rest_api_id             = aws_api_gateway_rest_api.API-gateway.id
  resource_id             = aws_api_gateway_resource.API-resource-book.id
  http_method             = aws_api_gateway_method.POST_method.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.books.invoke_arn
}

resource "aws_api_gateway_integration" "DELETE_integration" {
  rest_api_id             = aws_api_gateway_rest_api.API-gateway.id
  resource_id             = aws_api_gateway_resource.API-resource-book-id.id
  http_method             = aws_api_gateway_method.DELETE_method.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.books.invoke_arn
}

resource "aws_api_gateway_deployment" "my-deployment" {
  rest_api_id = aws_api_gateway_rest_api.API-gateway.id

  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_method.GET_all_method,
      aws_api_gateway_method.GET_one_method,
      aws_api_gateway_method.POST_method,
      aws_api_gateway_method.DELETE_method,
      aws_api_gateway_integration.GET_all_integration,
      aws_api_gateway_integration.GET_one_integration,
      aws_api_gateway_integration.POST_integration,
      aws_api_gateway_integration.DELETE_integration,
      aws_api_gateway_authorizer.my_authorizer,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "my-prod-stage" {
  rest_api_id   = aws_api_gateway_rest_api.API-gateway.id
  deployment_id = aws_api_gateway_deployment.my-deployment.id
  stage_name    = "prod"
}

################################################################################
# Create a domain name for the API Gateway endpoint
################################################################################
resource "aws_api_gateway_domain_name" "custom_domain" {
  depends_on               = [aws_acm_certificate_validation.cert_validation]
  domain_name              = "api.${var.domain_name}"
  regional_certificate_arn = aws_acm_certificate.my_api_cert.arn
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

################################################################################
# Create a base path mapping for the domain
################################################################################
resource "aws_api_gateway_base_path_mapping" "custom_domain_mapping" {
  domain_name = aws_api_gateway_domain_name.custom_domain.domain_name
  api_id      = aws_api_gateway_rest_api.API-gateway.id
  stage_name  = aws_api_gateway_stage.my-prod-stage.stage_name
}

################################################################################
# Create a CNAME record for the API Gateway endpoint (the post's real bug: it
# points the custom host at the API's own execute-api endpoint)
################################################################################
resource "aws_route53_record" "custom_domain_record" {
  name    = "api" # The subdomain (api.chinmayto.com)
  type    = "CNAME"
  ttl     = "300" # TTL in seconds
  records = ["${aws_api_gateway_rest_api.API-gateway.id}.execute-api.us-east-1.amazonaws.com"]
  zone_id = data.aws_route53_zone.my_domain.zone_id
}
