# the ARN built from the pool id (arn:aws:cognito-idp:<region>:<account>:userpool/<id>) is an ARN
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
            providerARNs = ["arn:aws:cognito-idp:eu-west-1:111122223333:userpool/${aws_cognito_user_pool.pool.id}"]
          }
        }
      }
    }
  })
}
