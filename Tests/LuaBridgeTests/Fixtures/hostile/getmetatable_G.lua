-- expect: runtime
local mt = getmetatable(_G)
mt.__newindex = nil
answer = 1
