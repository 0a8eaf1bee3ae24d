-- expect: runtime
local socket = require("socket")
