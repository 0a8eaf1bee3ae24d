return {
  id = "unknown_keys",
  name = "Broken plugin unknown_keys",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
