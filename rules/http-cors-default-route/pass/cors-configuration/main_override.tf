resource "aws_apigatewayv2_api" "http" {
  cors_configuration {
    allow_origins = ["https://app.example.com"]
    allow_headers = ["authorization", "content-type"]
    allow_methods = ["GET", "POST"]
  }
}
