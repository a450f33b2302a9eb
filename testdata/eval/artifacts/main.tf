# Hash functions over a build artifact that a deploy script makes before apply: not known yet
# (not an error) when the file is missing; a file that exists is hashed.
resource "aws_lambda_function" "f" {
  function_name    = "f"
  role             = "arn:aws:iam::123456789012:role/r"
  filename         = "build/lambda.zip"
  source_code_hash = filebase64sha256("build/lambda.zip")
  tags = {
    sha256    = filesha256("build/lambda.zip")
    md5       = filemd5("build/lambda.zip")
    sha1      = filesha1("build/lambda.zip")
    sha512    = filesha512("build/lambda.zip")
    b64sha512 = filebase64sha512("build/lambda.zip")
    present   = filebase64sha256("handler.txt")
  }
}
