# A root calling a module in a sibling directory: path.module is "../mod" (relative to the root,
# where Terraform runs) and the module's template is read from there, whatever directory authwire
# itself runs in.
module "api" {
  source = "../mod"
  region = "eu-west-2"
}
