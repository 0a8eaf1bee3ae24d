-- manifest.lua: who this plugin is for and which policy it encodes.
-- Data only. The host runs this file in an empty environment, so no function
-- calls, no require, no variables from elsewhere: just `return { ... }`.
-- Example Borough Council is fictional; replace every value below.
return {
  id = "example",                       -- must equal the folder name: lower case, digits and _
  name = "Example Borough Council domestic abuse policy",
  organisation = "Example Borough Council",
  area = "Example Borough",             -- the area the organisation covers, as people say it
  api = 1,                              -- the host API major version this plugin is written for
  version = "0.1.0",                    -- your plugin's own version: bump it when you change anything
  -- The policy document this plugin encodes. Dates are "YYYY-MM" or "YYYY-MM-DD";
  -- leave a value nil if the policy does not print it (never guess).
  source = { title = "Domestic Abuse Policy", date = "2025-01", url = nil },
  -- When the policy itself says it will be reviewed.
  review = { last = "2025-01", next = "2028-01", cycle_years = 3 },
}
