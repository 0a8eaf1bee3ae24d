-- expect: runtime
answer = 42
