-- expect: limit
return string.match(("a"):rep(5000), "a-a-a-a-b")
