# Attributes the configuration does not set are the provider's, at any depth: a nested
# attribute object (branch), objects in a list (endpoints), a nested block (settings), a data
# source's nested object, and a typed module variable holding a nested object.
resource "neon_project" "this" {
  name = "demo"
  branch = {
    name = "main"
  }
  endpoints = [{ type = "rw" }]
  settings {
    quota = 1
  }
}

data "neon_branch" "b" {
  project_id = neon_project.this.id
  filter = {
    name = "main"
  }
}

module "typed" {
  source = "./typed"
  branch = neon_project.this.branch
}

resource "neon_role" "this" {
  name       = "app"
  project_id = neon_project.this.id
  branch_id  = neon_project.this.branch.id
  tags = {
    endpoint = neon_project.this.endpoints[0].host
    indexed  = neon_project.this.branch["id"]
    setting  = neon_project.this.settings[0].id
    data     = data.neon_branch.b.filter.id
    typed    = module.typed.id
    name     = neon_project.this.branch.name
  }
}
