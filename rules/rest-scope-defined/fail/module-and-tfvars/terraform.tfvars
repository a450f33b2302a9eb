method_scopes = {
  GET  = ["orders/view"]
  POST = ["orders/manages"]
}
