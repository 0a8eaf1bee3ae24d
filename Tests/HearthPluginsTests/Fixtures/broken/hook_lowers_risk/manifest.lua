return {
  id = "hook_lowers_risk",
  name = "Broken plugin hook_lowers_risk",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
