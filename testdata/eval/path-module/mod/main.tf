variable "region" {
  type = string
}

module "sub" {
  source = "./sub"
}

resource "aws_ssm_parameter" "spec" {
  name  = "spec"
  type  = "String"
  value = templatefile("${path.module}/spec.tmpl.json", { REGION = var.region })
  tags = {
    module = path.module
    sub    = module.sub.module
    abs    = abspath(path.module)
    cwd    = path.cwd
    exists = fileexists("${path.module}/spec.tmpl.json")
  }
}
