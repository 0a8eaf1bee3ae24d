-- expect: runtime
return string.format("%099999d", 1)
