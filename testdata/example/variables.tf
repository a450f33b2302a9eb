variable "aws_region" {
  type    = string
  default = "us-east-1"
}

variable "domain_name" {
  type    = string
  default = "chinmayto.com"
}

variable "authorization_scopes" {
  type    = string
  default = "myapi/all"
}
