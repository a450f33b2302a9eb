module "api" {
  source = "../.."
  count  = 0
  api_id = "abc"
}
