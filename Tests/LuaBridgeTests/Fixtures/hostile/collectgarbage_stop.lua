-- expect: runtime
collectgarbage("stop")
