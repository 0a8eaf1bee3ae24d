-- expect: runtime
setmetatable(string, { __index = function() return "pwned" end })
