-- expect: limit:instructions
xpcall(function() error("a") end, function() while true do end end)
