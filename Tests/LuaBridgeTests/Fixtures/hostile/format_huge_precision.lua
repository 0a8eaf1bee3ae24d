-- expect: runtime
return string.format("%.99999f", 1)
