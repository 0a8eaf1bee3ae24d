-- expect: runtime
string.rep = function() return "" end
