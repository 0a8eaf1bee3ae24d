-- expect: runtime
os.execute("touch /tmp/hearth-escape")
