-- expect: runtime
error(setmetatable({}, { __tostring = function() error("boom in __tostring") end }))
