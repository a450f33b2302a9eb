variable "pool" {
  type = object({ arn = string, id = string })
}

output "arn" {
  value = var.pool.arn
}
