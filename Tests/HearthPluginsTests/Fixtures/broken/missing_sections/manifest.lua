return {
  id = "missing_sections",
  name = "Broken plugin missing_sections",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
