-- expect: runtime
local f, err = load("\27LuaT\0\25\147\r\n\26\n")
assert(f, err)
