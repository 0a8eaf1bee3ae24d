-- expect: runtime
return os.remove("/tmp/hearth-escape")
