-- expect: syntax
local x = = 1
