-- expect: runtime
local code = string.dump(function() return 1 end)
return load(code)()
