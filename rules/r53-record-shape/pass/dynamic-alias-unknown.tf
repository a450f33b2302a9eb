# the alias block comes from a dynamic block over a variable with no value: whether the record is
# an alias is not known here, so neither "alias with ttl" nor "no ttl" is reported (a note)
variable "alias" {
  type = list(object({ name = string, zone_id = string }))
}
resource "aws_route53_zone" "z" { name = "example.com" }
resource "aws_route53_record" "r" {
  zone_id = aws_route53_zone.z.zone_id
  name    = "api.example.com"
  type    = "A"
  ttl     = var.alias == [] ? 300 : null
  records = var.alias == [] ? ["1.2.3.4"] : null
  dynamic "alias" {
    for_each = var.alias
    content {
      name                   = alias.value.name
      zone_id                = alias.value.zone_id
      evaluate_target_health = false
    }
  }
}
