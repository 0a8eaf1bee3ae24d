-- expect: runtime
dofile("/etc/passwd")
