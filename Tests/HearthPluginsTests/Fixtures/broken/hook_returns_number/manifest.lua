return {
  id = "hook_returns_number",
  name = "Broken plugin hook_returns_number",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
