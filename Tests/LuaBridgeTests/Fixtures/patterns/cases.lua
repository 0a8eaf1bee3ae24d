-- Pattern-matching cases: the sandbox's bounded matcher must agree with Lua 5.4's own.
-- Each case returns a printable summary; expected.txt holds what Debian's lua5.4 prints for them.
local function show(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    parts[#parts + 1] = type(v) == "string" and ("%q"):format(v) or tostring(v)
  end
  return table.concat(parts, ",")
end

local function collect(s, p, init)
  local out = {}
  for a, b, c in string.gmatch(s, p, init) do out[#out + 1] = show(a, b, c) end
  return table.concat(out, ";")
end

local cases = {
  function() return show(string.find("hello world", "wor")) end,
  function() return show(string.find("hello world", "o", 6)) end,
  function() return show(string.find("hello world", "l+")) end,
  function() return show(string.find("hello", "")) end,
  function() return show(string.find("hello", "", 10)) end,
  function() return show(string.find("hello", "l", -2)) end,
  function() return show(string.find("a.b", ".", 1, true)) end,
  function() return show(string.find("a+b", "+", 1, true)) end,
  function() return show(string.find("key = value", "(%w+)%s*=%s*(%w+)")) end,
  function() return show(string.match("  trim me  ", "^%s*(.-)%s*$")) end,
  function() return show(string.match("2025-03-04", "(%d+)-(%d+)-(%d+)")) end,
  function() return show(string.match("hello", "()ll()")) end,
  function() return show(string.match("THE (quick) fox", "%((%a+)%)")) end,
  function() return show(string.match("f(a(b)c)d", "%b()")) end,
  function() return show(string.match("THE (quick) fox", "%f[%a]%a+", 5)) end,
  function() return show(string.match("hello", "^(h)(e)")) end,
  function() return show(string.match("hello", "^e")) end,
  function() return show(string.match("hello", "o$")) end,
  function() return show(string.match("a$b", "a$b")) end,
  function() return show(string.match("abcabc", "(abc)%1")) end,
  function() return show(string.match("x = [[long]]", "%[(=*)%[(.-)%]%1%]")) end,
  function() return show(string.match("CamelCaseWord", "%u%l+", 2)) end,
  function() return show(string.match("ab12cd", "[%a]+")) end,
  function() return show(string.match("ab12cd", "[^%a]+")) end,
  function() return show(string.match("a-z", "[a%-z]+")) end,
  function() return show(string.match("]]x", "[]]+")) end,
  function() return show(string.match("hello", "l?l?")) end,
  function() return show(string.match("aaa", "a-")) end,
  function() return show(string.match("aaab", "a-b")) end,
  function() return show(string.match("0x1F", "^0[xX](%x+)$")) end,
  function() return show(string.match("tab\there", "%c")) end,
  function() return show(string.match("a,b;c", "%p")) end,
  function() return show(string.match("Hello", "%U+")) end,
  function() return show(string.match("  x", "%S")) end,
  function() return show(string.match("no digits", "%d")) end,
  function() return show(string.gsub("hello world", "o", "0")) end,
  function() return show(string.gsub("hello world", "(%w+)", "<%1>")) end,
  function() return show(string.gsub("hello world", "%w+", "%0 %0", 1)) end,
  function() return show(string.gsub("abc", "", "-")) end,
  function() return show(string.gsub("hello", "l", { l = "L" })) end,
  function() return show(string.gsub("$name is $age", "%$(%w+)", { name = "Ann", age = 30 })) end,
  function() return show(string.gsub("abc", "%w", function(c) return c:upper() .. "." end)) end,
  function() return show(string.gsub("abc", "%w", function(c) if c == "b" then return false end return "x" end)) end,
  function() return show(string.gsub("hello world", "^hello", "bye")) end,
  function() return show(string.gsub("a b c", " ", "%%")) end,
  function() return show(string.gsub("abc", "()", "%1")) end,
  function() return show(string.gsub("  x  y  ", "%s+", " ")) end,
  function() return show(string.gsub("THE (quick) fox", "%f[%a]%a+", "W")) end,
  function() return collect("one two  three", "%a+") end,
  function() return collect("k1=v1, k2=v2", "(%w+)=(%w+)") end,
  function() return collect("abc", "") end,
  function() return collect("hello", "()l") end,
  function() return collect("a1b2c3", "%a(%d)", 3) end,
  function() return show(pcall(string.find, "x", "%")) end,
  function() return show(pcall(string.find, "x", "[a")) end,
  function() return show(pcall(string.find, "x", "(x")) end,
  function() return show(pcall(string.find, "x", "x)")) end,
  function() return show(pcall(string.find, "x", "%1")) end,
  function() return show(pcall(string.gsub, "x", "x", "%2")) end,
  function() return show(pcall(string.gsub, "x", "x", "%z")) end,
  function() return show(pcall(string.gsub, "x", "x", function() return {} end)) end,
  function() return show(pcall(string.find, "x", "%f")) end,
  function() return show(pcall(string.find, "x", "%b")) end,
  function() return show(string.find("a\0b", "\0")) end,
  function() return show(string.find("a\0b", "%z")) end,
  function() return show(string.match("caf\195\169!", "[\128-\255]+")) end,
}

local out = {}
for i, case in ipairs(cases) do
  local ok, result = pcall(case)
  out[#out + 1] = i .. ": " .. (ok and result or ("error " .. tostring(result)))
end
return table.concat(out, "\n")
