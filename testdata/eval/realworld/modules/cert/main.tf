variable "domain" {
  type = string
}

variable "after" {
  type    = string
  default = null
}

resource "aws_acm_certificate" "this" {
  domain_name       = var.domain
  validation_method = "DNS"
  # ordered after whatever the caller passes in
  depends_on = [var.after]
}

output "arn" {
  value = aws_acm_certificate.this.arn
}
