-- Eastleigh Borough Council, Affordable Housing Service: the policy this plugin encodes.
-- Data only: this file runs in an empty environment.
return {
  id = "eastleigh",
  name = "Eastleigh Borough Council housing domestic abuse policy",
  organisation = "Eastleigh Borough Council (Affordable Housing Service)",
  area = "Eastleigh",
  api = 1,
  version = "1.0.0",
  -- The document carries no date or version; it was written after the Part 7
  -- changes of 5 July 2021 (§1). Its own procedure is "to be developed" (Appendix).
  source = { title = "Housing Domestic Abuse Policy", date = nil, url = nil },
  -- §15 (printed as 9.1): "reviewed regularly"; no cycle or date is given.
  review = { last = nil, next = nil, cycle_years = nil },
}
