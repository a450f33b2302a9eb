output "module" {
  value = path.module
}
