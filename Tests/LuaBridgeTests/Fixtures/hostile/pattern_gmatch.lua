-- expect: limit
for x in string.gmatch(("a"):rep(3000), ".-.-.-b") do end
