-- expect: runtime
rawset(_G, "answer", 42)
