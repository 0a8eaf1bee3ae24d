return {
  id = "syntax_error",
  name = "Broken plugin syntax_error",
  organisation = "Test Council",
  api = 1,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
