route_scopes = {
  "GET /items"  = ["corp-api/items.read"]
  "POST /items" = ["corp-api/items.write"]
}
