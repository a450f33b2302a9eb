# terraform.workspace: TF_WORKSPACE, else .terraform/environment (here "play", as
# `terraform workspace select play` writes it), else "default".
variable "env" {
  default = {
    play = { cidr = "10.0.0.0/24" }
    prod = { cidr = "10.1.0.0/24" }
  }
}

resource "aws_ssm_parameter" "w" {
  name  = "p-${terraform.workspace}"
  type  = "String"
  value = var.env[terraform.workspace].cidr
}
