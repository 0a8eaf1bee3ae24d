local secrets = require "../../etc/passwd"
return {}
