return {
  id = "api_mismatch",
  name = "Broken plugin api_mismatch",
  organisation = "Test Council",
  api = 2,
  version = "1.0.0",
  source = { title = "Test policy", date = "2025-01" },
}
