resource "aws_ssm_parameter" "stage" {
  name  = "stage"
  type  = "String"
  value = "from .tf (replaced by stage.tofu)"
}
