threshold = 14
return { risk = { marac_threshold = threshold } }
