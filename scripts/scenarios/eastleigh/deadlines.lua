-- Eastleigh Borough Council: time limits.
-- §7: "Where there is no immediate risk of harm, the Council will contact the
-- tenant within one working day of receiving the report."
-- §8: repairs for damage that may leave victims at risk "carried out within 24
-- hours of a report"; security adaptations once the perpetrator no longer lives
-- there "also ... categorised as an emergency".
-- Working days skip weekends and England and Wales bank holidays; 24 hours are
-- clock hours.

local support = require "support"

grid "Given a report with no immediate risk of harm, then contact within one working day" {
  plugin = "eastleigh",
  source = "§7",
  tags = { "deadlines", "working_days" },
  rows = {
    -- Tuesday morning → Wednesday morning
    { reported = "2025-03-04T10:00:00+00:00", due = "2025-03-05T10:00:00+00:00" },
    -- Friday before the August bank holiday (Mon 25 Aug 2025) → Tuesday
    { reported = "2025-08-22T16:30:00+01:00", due = "2025-08-26T16:30:00+01:00" },
    -- Christmas Eve (Wed) → Christmas Day and Boxing Day, then the weekend → Monday 29 Dec
    { reported = "2025-12-24T15:00:00+00:00", due = "2025-12-29T15:00:00+00:00" },
    -- Maundy Thursday → Good Friday and Easter Monday → Tuesday 22 April
    { reported = "2025-04-17T10:00:00+01:00", due = "2025-04-22T10:00:00+01:00" },
    -- Friday before the early May bank holiday (Mon 5 May 2025) → Tuesday
    { reported = "2025-05-02T18:00:00+01:00", due = "2025-05-06T18:00:00+01:00" },
    -- Friday in GMT, clocks go forward on Sunday → Monday at the same wall-clock time in BST
    { reported = "2025-03-28T12:00:00+00:00", due = "2025-03-31T12:00:00+01:00" },
    -- Friday late evening → Monday late evening
    { reported = "2025-03-07T23:30:00+00:00", due = "2025-03-10T23:30:00+00:00" },
    -- a report received on a Saturday → by the end of Monday
    { reported = "2025-03-08T10:00:00+00:00", due = "2025-03-11T00:00:00+00:00" },
    -- Friday in BST, clocks go back on Sunday → Monday at the same wall-clock time in GMT
    { reported = "2025-10-24T16:00:00+01:00", due = "2025-10-27T16:00:00+00:00" },
    -- New Year's Eve → New Year's Day is a bank holiday → Friday 2 January
    { reported = "2025-12-31T10:00:00+00:00", due = "2026-01-02T10:00:00+00:00" },
    -- Friday before the spring bank holiday (Mon 25 May 2026) → Tuesday
    { reported = "2026-05-22T09:00:00+01:00", due = "2026-05-26T09:00:00+01:00" },
  },
  case = function(row)
    return support.adult { area = "Eastleigh", reported_at = row.reported, immediate_danger = false }
  end,
  expect = function(row)
    return { deadlines = { includes = { id = "first_contact", due = row.due, within = "1 working day" } } }
  end,
}

scenario "Given an immediate risk of harm, then the police first and no one-working-day clock in place of it" {
  plugin = "eastleigh",
  source = "§7",
  tags = { "deadlines", "emergency" },
  case = support.adult { area = "Eastleigh", immediate_danger = true },
  expect = {
    emergency = { required = true, advice = { includes = is.matches("999") } },
    deadlines = { excludes = { id = "first_contact" } },
    helplines = { any = { includes = { number = "999", emergency = true } } },
  },
}

grid "Given damage that leaves the victim at risk, then an emergency repair within 24 hours, weekends included" {
  plugin = "eastleigh",
  source = "§8",
  tags = { "deadlines", "repairs" },
  rows = {
    { reported = "2025-03-04T10:00:00+00:00", due = "2025-03-05T10:00:00+00:00" },
    { reported = "2025-08-22T16:30:00+01:00", due = "2025-08-23T16:30:00+01:00" },
    { reported = "2025-12-24T15:00:00+00:00", due = "2025-12-25T15:00:00+00:00" },
    { reported = "2025-03-29T12:00:00+00:00", due = "2025-03-30T13:00:00+01:00" },
    -- clocks go back overnight: 24 hours after 12:00 BST is 11:00 GMT
    { reported = "2025-10-25T12:00:00+01:00", due = "2025-10-26T11:00:00+00:00" },
    -- New Year's Eve: emergency repairs do not wait for the bank holiday
    { reported = "2025-12-31T10:00:00+00:00", due = "2026-01-01T10:00:00+00:00" },
  },
  case = function(row)
    return support.adult { area = "Eastleigh", reported_at = row.reported, property = { damage_leaves_unsafe = true, perpetrator_left = false } }
  end,
  expect = function(row)
    return { deadlines = { includes = { id = "emergency_repair", due = row.due, within = "24 hours" }, excludes = { id = "security_adaptations" } } }
  end,
}

scenario "Given the perpetrator no longer lives at the property, then security adaptations are an emergency within 24 hours" {
  plugin = "eastleigh",
  source = "§8",
  tags = { "deadlines", "security" },
  case = support.adult {
    area = "Eastleigh",
    reported_at = "2025-08-22T16:30:00+01:00",
    perpetrator = { lives_with_victim = false },
    property = { perpetrator_left = true, damage_leaves_unsafe = false },
  },
  expect = {
    deadlines = { includes = { id = "security_adaptations", due = "2025-08-23T16:30:00+01:00" }, excludes = { id = "emergency_repair" } },
    referrals = { includes = { partner = "security_contractor", status = "awaiting_consent" } },
  },
}

scenario "Given no damage and the perpetrator still at home, then only the contact deadline applies" {
  plugin = "eastleigh",
  source = "§7, §8",
  tags = { "deadlines" },
  case = support.adult { area = "Eastleigh", property = { damage_leaves_unsafe = false, perpetrator_left = false } },
  expect = { deadlines = { count = 1, includes = { id = "first_contact" } } },
}

scenario "Given the perpetrator has left, then the plan warns that the policy does not name the security contractor (\"carried out by?????????\")" {
  plugin = "eastleigh",
  source = "§8",
  tags = { "placeholder", "security" },
  case = support.adult { area = "Eastleigh", property = { perpetrator_left = true } },
  expect = { referrals = { includes = { partner = "security_contractor", placeholder = is.present } } },
}
