variable "domain" {
  default = "shop.example.net"
}
