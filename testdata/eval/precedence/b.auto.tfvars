d = "auto-b"
