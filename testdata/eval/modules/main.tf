provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
}

module "auth" {
  for_each = { blue = "b", green = "g" }
  source   = "./modules/auth"
  name     = "pool-${each.value}"
  providers = {
    aws = aws.virginia
  }
}

resource "aws_ssm_parameter" "arns" {
  name  = "arns"
  type  = "String"
  value = module.auth["green"].server_scopes[0]
}

resource "aws_acm_certificate" "regional" {
  domain_name = "example.com"
}

resource "aws_acm_certificate" "east" {
  provider    = aws.virginia
  domain_name = "example.com"
  subject_alternative_names = ["a.example.com", "b.example.com"]
}
