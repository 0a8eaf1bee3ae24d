-- Chesterfield Borough Council, Housing Service: the policy this plugin encodes.
-- Data only: this file runs in an empty environment.
return {
  id = "chesterfield",
  name = "Chesterfield Borough Council housing service domestic abuse policy",
  organisation = "Chesterfield Borough Council (Housing Service)",
  area = "Chesterfield",
  api = 1,
  version = "1.0.0",
  -- Cover page: "Date: October 2024". Owner: Housing Strategy and Engagement Manager.
  source = { title = "Housing Service Domestic Abuse Policy", date = "2024-10", url = nil },
  -- Cover page: "Review by: November 2027". No review cycle is stated.
  review = { last = "2024-10", next = "2027-11", cycle_years = nil },
}
