return { id = string.rep("x", 2), name = "x", organisation = "x", api = 1, version = "1.0.0", source = { title = "x" } }
