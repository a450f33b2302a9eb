replicas = "2"
