-- expect: runtime
return require("..etc.passwd")
