# Root variables whose default is null are null when no value is given (terraform plan and
# console); a variable with no default and no value stays unknown.
variable "enable_auto_deploy" {
  type    = bool
  default = null
}

variable "settings" {
  type    = map(string)
  default = null
}

variable "certificate_arn" {
  type = string
}

locals {
  auto_deploy = var.enable_auto_deploy == null ? true : var.enable_auto_deploy
}

resource "aws_apigatewayv2_stage" "live" {
  api_id      = "api"
  name        = "live"
  auto_deploy = local.auto_deploy
  tags = {
    settings = var.settings == null ? "none" : "some"
    cert     = var.certificate_arn
  }
}
