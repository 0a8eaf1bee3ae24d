-- Canterbury City Council: the policy this plugin encodes, and when to review it.
-- Data only: this file runs in an empty environment.
return {
  id = "canterbury",
  name = "Canterbury City Council domestic abuse policy",
  organisation = "Canterbury City Council",
  area = "Canterbury",
  api = 1,
  version = "1.0.0",
  -- Opening section: "This policy was last reviewed on 12 November 2024."
  source = { title = "Domestic abuse policy", date = "2024-11-12", url = nil },
  -- "Feedback, consultation, approval and review": reviewed "every two or three
  -- years" by the Safeguarding team, timescales "every three years". The policy
  -- prints no next date; next = last + 3 years.
  review = { last = "2024-11-12", next = "2027-11-12", cycle_years = 3 },
}
