resource "aws_cognito_user_pool" "p" {
  name = "users"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "books"
  body = templatefile("${path.module}/tpl/openapi.json.tftpl", {
    pool_arn = aws_cognito_user_pool.p.arn
    scopes   = ["books/read", "books/write"]
  })
}

resource "aws_ssm_parameter" "files" {
  name  = "files"
  type  = "String"
  value = join(",", [for f in sort(fileset(path.module, "tpl/*.tftpl")) : "${f}:${fileexists("${path.module}/${f}")}"])
}
