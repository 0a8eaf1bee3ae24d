-- expect: runtime
local registry = debug.getregistry()
return registry
