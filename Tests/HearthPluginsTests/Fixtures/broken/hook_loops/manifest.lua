return {
  id = "hook_loops",
  name = "Broken plugin hook_loops",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
