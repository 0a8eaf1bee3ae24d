-- expect: runtime
return loadfile("/etc/passwd")
