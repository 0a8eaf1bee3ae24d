-- expect: runtime
_G.answer = 42
