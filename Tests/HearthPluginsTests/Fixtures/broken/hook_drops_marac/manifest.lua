return {
  id = "hook_drops_marac",
  name = "Broken plugin hook_drops_marac",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
