-- expect: runtime
rawset(getmetatable(""), "__index", {})
