return {
  id = "returns_nothing",
  name = "Broken plugin returns_nothing",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
