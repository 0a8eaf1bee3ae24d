return {
  id = "requires_outside",
  name = "Broken plugin requires_outside",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
