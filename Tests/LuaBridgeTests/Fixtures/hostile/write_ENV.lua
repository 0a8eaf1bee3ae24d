-- expect: runtime
_ENV.answer = 42
