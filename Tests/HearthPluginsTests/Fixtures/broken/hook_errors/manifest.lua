return {
  id = "hook_errors",
  name = "Broken plugin hook_errors",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
