variable "a" {
  default = "default"
}
variable "b" {
  default = "default"
}
variable "c" {
  default = "default"
}
variable "d" {
  default = "default"
}
variable "e" {
  default = "default"
}
variable "no_value" {}

resource "aws_ssm_parameter" "p" {
  name  = "p"
  value = join(",", [var.a, var.b, var.c, var.d, var.e])
  type  = var.no_value
}
