-- expect: runtime
load("answer = 42")()
