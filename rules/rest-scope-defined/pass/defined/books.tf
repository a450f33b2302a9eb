# a resource server of the base pool with two scopes, and PUT /books/{bookId} requiring both
resource "aws_cognito_resource_server" "books" {
  identifier   = "bookstore"
  name         = "bookstore"
  user_pool_id = aws_cognito_user_pool.pool.id
  scope {
    scope_name        = "read"
    scope_description = "read"
  }
  scope {
    scope_name        = "write"
    scope_description = "write"
  }
}

resource "aws_api_gateway_resource" "books" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "books"
}

resource "aws_api_gateway_resource" "book" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.books.id
  path_part   = "{bookId}"
}

resource "aws_api_gateway_method" "put_book" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.book.id
  http_method          = "PUT"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  authorization_scopes = ["bookstore/read", "bookstore/write"]
}
