-- expect: runtime
local f = package.loadlib("libc.so.6", "system")
f("touch /tmp/hearth-escape")
