-- expect: limit
local s = ("a"):rep(2000)
return s:find("(.*)(.*)(.*)(.*)b")
