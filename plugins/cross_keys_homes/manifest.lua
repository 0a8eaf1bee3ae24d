-- Cross Keys Homes (Peterborough): the policy this plugin encodes, and when to review it.
-- Data only: this file runs in an empty environment.
return {
  id = "cross_keys_homes",
  name = "Cross Keys Homes domestic abuse policy",
  organisation = "Cross Keys Homes",
  area = "Peterborough and Cambridgeshire",
  api = 1,
  version = "1.0.0",
  -- "Monitoring and review": written and approved in January 2021.
  source = { title = "Domestic abuse policy", date = "2021-01", url = nil },
  -- "Monitoring and review": reviewed every three years, next review January 2025.
  -- That date has passed; the plugin keeps the policy's own dates.
  review = { last = "2021-01", next = "2025-01", cycle_years = 3 },
}
