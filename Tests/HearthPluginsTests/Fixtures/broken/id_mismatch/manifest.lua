return {
  id = "some_other_council",
  name = "Broken plugin some_other_council",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
