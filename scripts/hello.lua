-- A first look at Hearth's Lua sandbox: what a plugin can do, and what it cannot.
local checks = {
  arithmetic = 6 * 7,
  patterns = ("DASH 15/24"):match("(%d+)/(%d+)"),
  io_available = io ~= nil,
  os_available = os ~= nil,
  today = clock.today(),
}
local ok, err = pcall(function() answer = 42 end)
checks.global_write_refused = not ok
checks.global_write_error = err
return checks
