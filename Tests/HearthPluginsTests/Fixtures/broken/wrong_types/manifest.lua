return {
  id = "wrong_types",
  name = "Broken plugin wrong_types",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
