local t = { risk = { marac_threshold = 14 } }
