-- expect: limit
local function dive()
  local co = coroutine.create(dive)
  coroutine.resume(co)
end
while true do dive() end
