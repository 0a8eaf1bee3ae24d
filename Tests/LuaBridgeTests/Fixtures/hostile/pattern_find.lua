-- expect: limit
return string.find(("a"):rep(600), ".-.-.-.-b")
