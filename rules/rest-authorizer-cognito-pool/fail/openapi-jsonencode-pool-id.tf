# an inline jsonencode body whose authorizer lists the pool's id where its ARN is expected
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "api", version = "1" }
    paths = {
      "/items" = {
        get = {
          security                        = [{ cognito = [] }]
          x-amazon-apigateway-integration = { type = "mock" }
        }
      }
    }
    components = {
      securitySchemes = {
        cognito = {
          type                         = "apiKey"
          name                         = "Authorization"
          in                           = "header"
          x-amazon-apigateway-authtype = "cognito_user_pools"
          x-amazon-apigateway-authorizer = {
            type         = "cognito_user_pools"
            providerARNs = [aws_cognito_user_pool.pool.id]
          }
        }
      }
    }
  })
}
