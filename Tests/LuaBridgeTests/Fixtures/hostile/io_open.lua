-- expect: runtime
local f = io.open("/tmp/hearth-escape", "w")
f:write("x")
