return {
  id = "writes_global",
  name = "Broken plugin writes_global",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
