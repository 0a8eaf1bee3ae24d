-- expect: limit
return string.gsub(("a"):rep(3000), "(.-)(.-)(.-)b", "")
