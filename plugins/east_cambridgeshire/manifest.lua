-- East Cambridgeshire District Council: who wrote the policy this plugin encodes, and when to review it.
-- Data only: this file runs in an empty environment.
return {
  id = "east_cambridgeshire",
  name = "East Cambridgeshire District Council domestic abuse policy",
  organisation = "East Cambridgeshire District Council",
  area = "East Cambridgeshire",
  api = 1,
  version = "1.0.0",
  -- The published policy carries no issue date; it cites the Lettings Policy of
  -- 05.07.21 and the Safeguarding Policy 2022, so it is 2022 or later.
  source = { title = "Domestic Abuse Policy", date = nil, url = nil },
  -- §17.1: "reviewed every 2 years", earlier if operations or legislation change.
  -- No last or next date is printed.
  review = { last = nil, next = nil, cycle_years = 2 },
}
