return {
  id = "hook_eats_memory",
  name = "Broken plugin hook_eats_memory",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
