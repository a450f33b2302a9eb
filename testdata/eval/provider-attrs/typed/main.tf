variable "branch" {
  type = object({ name = string, id = string })
}

output "id" {
  value = var.branch.id
}
