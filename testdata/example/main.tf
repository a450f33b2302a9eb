# The stack from "Securing API Gateway with Cognito OAuth 2.0 (client_credentials) using Terraform"
# (the blog post that started authwire), completed where the post leaves parts out.
# Its real mistakes are kept on purpose: `authwire lint testdata/example` reports them.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = var.aws_region
}

data "aws_route53_zone" "my_domain" {
  name         = var.domain_name
  private_zone = false
}
