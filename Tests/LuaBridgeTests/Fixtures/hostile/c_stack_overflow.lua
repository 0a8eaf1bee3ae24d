-- expect: limit
local function f() return string.gsub("x", "x", f) end
return f()
