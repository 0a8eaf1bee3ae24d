-- expect: limit:memory
local s = string.rep("x", 2^30)
