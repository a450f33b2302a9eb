# Lessons from public modules: a resource object keeps its computed attributes through
# conditionals, merge, lookup, try and typed module variables; lifecycle ignore_changes holds
# attribute paths (not references); line breaks inside `{ for ... }`; a root variable whose
# default is null is null when no value is given.
variable "enabled" {
  default = true
}

variable "prefix" {
  type    = string
  default = null
}

resource "aws_cognito_user_pool" "p" {
  count = var.enabled ? 1 : 0
  name  = "users"
  lifecycle {
    ignore_changes = [schema, tags["Owner"]]
  }
}

locals {
  pool = var.enabled ? aws_cognito_user_pool.p[0] : null
  names = { for k in ["a", "b"] : k => k == "a" ? "first" : # the rest
    "other" }
}

module "m" {
  source = "./m"
  pool   = aws_cognito_user_pool.p[0]
}

resource "aws_ssm_parameter" "v" {
  name = "${coalesce(var.prefix, "x")}-v"
  type = "String"
  tags = {
    cond   = local.pool.id
    merged = merge(aws_cognito_user_pool.p[0], { extra = 1 }).arn
    lookup = lookup(aws_cognito_user_pool.p[0], "arn", "none")
    tried  = try(local.pool.arn, "none")
    module = module.m.arn
    names  = local.names["b"]
  }
}

variable "east" {
  type = bool
}

resource "aws_acm_certificate" "a" {
  domain_name = "a.example.com"
}

resource "aws_acm_certificate" "b" {
  domain_name = "b.example.com"
}

# the condition is unknown: both certificates stay joined to the domain
resource "aws_api_gateway_domain_name" "d" {
  domain_name              = "api.example.com"
  regional_certificate_arn = var.east ? aws_acm_certificate.a.arn : aws_acm_certificate.b.arn
}
