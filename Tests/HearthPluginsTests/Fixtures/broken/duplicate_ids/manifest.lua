return {
  id = "duplicate_ids",
  name = "Broken plugin duplicate_ids",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
