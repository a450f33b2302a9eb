locals {
  env     = "prod"
  names   = ["a", "b", "c"]
  by_name = { for n in local.names : n => upper(n) if n != "b" }
  nested  = [{ x = 1 }, { x = 2 }]
}

resource "aws_cognito_user_pool" "pool" {
  name = "pool-${local.env}"
}

resource "aws_ssm_parameter" "t" {
  count = 2
  name  = "p${count.index}"
  type  = local.env == "prod" ? "SecureString" : "String"
  value = "https://${aws_cognito_user_pool.pool.endpoint}/x"
  tags = {
    keys   = join(",", keys(local.by_name))
    splat  = jsonencode(local.nested[*].x)
    format = format("%s-%03d", local.env, 7)
    fn     = timestamp()
    tried  = try(local.missing, "fallback")
    heredoc = <<-EOT
      hello ${local.env}
      EOT
  }
}
