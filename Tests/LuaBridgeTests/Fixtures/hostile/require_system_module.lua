-- expect: runtime
local os = require("os")
os.execute("touch /tmp/hearth-escape")
