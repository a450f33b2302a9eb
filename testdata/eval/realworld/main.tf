# Shapes real modules use (each was mis-evaluated before): optional() defaults in a map of
# objects, a dynamic block guarded by != null, a resource that reads a module output and is
# passed back into the same module, module-level depends_on, a typed count from tfvars, and
# for_each keys made with a regular-expression replace.

provider "aws" {
  region = "eu-west-1"
}

variable "authorizers" {
  type = map(object({
    authorizer_type  = optional(string, "REQUEST")
    identity_sources = optional(list(string), ["$request.header.Authorization"])
    jwt_configuration = optional(object({
      audience = optional(list(string))
      issuer   = optional(string)
    }))
  }))
  default = {
    cognito = {
      authorizer_type = "JWT"
      jwt_configuration = {
        audience = ["client-id"]
        issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"
      }
    }
    lambda = {}
  }
}

variable "replicas" {
  type = number
}

variable "clients" {
  type    = list(object({ name = string }))
  default = [{ name = "My App_1" }, { name = "Billing Svc" }]
}

module "api" {
  source = "./modules/api"
  name   = "shop"
  routes = {
    "GET /" = { authorizer_id = aws_apigatewayv2_authorizer.ext.id }
  }
  depends_on = [module.cert, aws_route53_record.apex]
}

module "cert" {
  source = "./modules/cert"
  domain = "example.com"
  after  = aws_ssm_parameter.replica[0].id
}

resource "aws_route53_record" "apex" {
  zone_id = "Z123"
  name    = "example.com"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.1"]
}

resource "aws_apigatewayv2_authorizer" "ext" {
  api_id           = module.api.api_id
  authorizer_type  = "REQUEST"
  name             = "ext"
  identity_sources = ["$request.header.Authorization"]
}

resource "aws_apigatewayv2_authorizer" "this" {
  for_each         = var.authorizers
  api_id           = module.api.api_id
  name             = each.key
  authorizer_type  = each.value.authorizer_type
  identity_sources = each.value.identity_sources

  dynamic "jwt_configuration" {
    for_each = each.value.jwt_configuration != null ? [each.value.jwt_configuration] : []
    content {
      audience = jwt_configuration.value.audience
      issuer   = jwt_configuration.value.issuer
    }
  }
}

resource "aws_ssm_parameter" "replica" {
  count = var.replicas
  name  = "replica-${count.index}"
  type  = "String"
  value = "x"
}

resource "aws_ssm_parameter" "client" {
  for_each = { for c in var.clients : replace(lower(c.name), "/[^a-z0-9]/", "-") => c }
  name     = each.key
  type     = "String"
  value    = each.value.name
}
