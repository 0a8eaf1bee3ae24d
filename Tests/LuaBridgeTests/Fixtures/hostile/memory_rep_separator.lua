-- expect: limit:memory
local s = ("x"):rep(1e8, "yy")
