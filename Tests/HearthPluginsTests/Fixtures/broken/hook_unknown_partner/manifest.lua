return {
  id = "hook_unknown_partner",
  name = "Broken plugin hook_unknown_partner",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
