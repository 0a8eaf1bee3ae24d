-- Risk: MARAC referral criteria (SafeLives) under every plugin: visible high
-- risk, professional judgement (raises, never lowers), potential escalation,
-- repeat within 12 months of the last MARAC referral. Emergency first.

local support = require "support"

scenario "Immediate danger: emergency advice first, starting with 999" {
  plugin = "*",
  source = "Core invariant 3 (domain §3)",
  tags = { "emergency" },
  case = support.adult { immediate_danger = true },
  expect = { emergency = { required = true, advice = { includes = is.matches("999") } }, invariants = true },
}

scenario "No immediate danger: no emergency step is required" {
  plugin = "*",
  source = "Core invariant 3 (domain §3)",
  tags = { "emergency" },
  case = support.adult { immediate_danger = false },
  expect = { emergency = { required = false } },
}

scenario "Visible high risk (DASH 18 of 24) always brings a MARAC referral that is ready" {
  plugin = "*",
  source = "SafeLives MARAC criteria; core invariant 4",
  tags = { "risk", "marac" },
  case = support.adult { area = "Cambridgeshire", dash = support.dash_score(18) },
  expect = {
    risk = { band = "high", marac = true, criteria = { includes = "visible_high_risk" } },
    referrals = { includes = { kind = "marac", status = "ready" } },
  },
}

scenario "Professional judgement raises a DASH of 4 to high risk and a MARAC referral" {
  plugin = "*",
  source = "SafeLives MARAC criteria: professional judgement",
  tags = { "risk", "professional_judgement" },
  case = support.adult {
    dash = { yes_count = 4 },
    professional_judgement = { high_risk = true, reason = "non-fatal strangulation disclosed" },
  },
  expect = {
    risk = { score_band = "standard", band = "high", marac = true, criteria = { includes = "professional_judgement" } },
    referrals = { includes = { kind = "marac", status = "ready" } },
  },
}

scenario "Professional judgement never lowers: DASH 20 judged not high stays high with MARAC" {
  plugin = "*",
  source = "SafeLives MARAC criteria: professional judgement",
  tags = { "risk", "professional_judgement" },
  case = support.adult {
    dash = { yes_count = 20 },
    professional_judgement = { high_risk = false },
  },
  expect = { risk = { score_band = "high", band = "high", marac = true } },
}

scenario "Unknown answers count neither as yes nor as answered" {
  plugin = "*",
  source = "SafeLives DASH RIC",
  tags = { "risk" },
  case = support.adult {
    dash = { answers = { ["1"] = "yes", ["2"] = "yes", ["3"] = "unknown", ["4"] = "no" } },
  },
  expect = { risk = { score = 2, answered = 3, dash_recorded = true, band = "standard" } },
}

scenario "No DASH recorded: score 0, not visible high risk, and the plan says no checklist was recorded" {
  plugin = "*",
  source = "SafeLives DASH RIC",
  tags = { "risk" },
  case = support.adult { dash = support.none },
  expect = { risk = { score = 0, dash_recorded = false, marac = false } },
}

scenario "Potential escalation: 4 incidents in 12 months at DASH 6 meets the MARAC criteria" {
  plugin = "*",
  source = "SafeLives MARAC criteria: potential escalation (3 or more incidents in 12 months)",
  tags = { "risk", "escalation" },
  skip = "plugin/core gap: none of the five plugins sets risk.escalation (their policies print no number) and the core has no default, so potential escalation never meets the MARAC criteria",
  case = support.adult { dash = { yes_count = 6 }, incidents_12_months = 4 },
  expect = { risk = { marac = true, band = "high", criteria = { includes = "escalation" } } },
}

grid "Repeat: a new incident within 12 months of the last MARAC referral is a repeat; after 12 months it is not" {
  plugin = "*",
  source = "SafeLives MARAC criteria: repeat referral (12 months)",
  tags = { "risk", "repeat" },
  rows = {
    { last = "2024-09-04", repeat_ = true },   -- 6 months before the report
    { last = "2024-03-05", repeat_ = true },   -- 12 months less a day
    { last = "2024-02-04", repeat_ = false },  -- 13 months
  },
  case = function(row)
    return support.adult { dash = { yes_count = 5 }, last_marac_referral = row.last }
  end,
  expect = function(row)
    if row.repeat_ then
      return { risk = { marac = true, criteria = { includes = "repeat" } }, referrals = { includes = { kind = "marac" } } }
    end
    return { risk = { marac = false, criteria = { excludes = "repeat" } }, referrals = { excludes = { kind = "marac" } } }
  end,
}

scenario "A last MARAC referral after the report date is refused as input" {
  plugin = "*",
  source = "Case format: last_marac_referral",
  tags = { "risk", "validation" },
  case = support.adult { last_marac_referral = "2025-03-05" },
  expect = { error = "last_marac_referral" },
}

grid "Potential escalation where a policy sets it (example plugin: 3 incidents in 12 months)" {
  plugin = "example",
  source = "SafeLives MARAC criteria: potential escalation",
  tags = { "risk", "escalation" },
  rows = {
    { incidents = 2, marac = false },
    { incidents = 3, marac = true },
    { incidents = 4, marac = true },
  },
  case = function(row)
    return support.adult { dash = { yes_count = 6 }, incidents_12_months = row.incidents }
  end,
  expect = function(row)
    if row.marac then
      return { risk = { marac = true, band = "high", score_band = "standard", criteria = { includes = "escalation" } } }
    end
    return { risk = { marac = false, band = "standard", criteria = { excludes = "escalation" } } }
  end,
}

scenario "A judgement of high risk must say why: without a reason the case is refused as input" {
  plugin = "*",
  source = "Case format: professional_judgement.reason",
  tags = { "risk", "validation" },
  case = support.adult { professional_judgement = { high_risk = true } },
  expect = { error = "professional_judgement.reason" },
}
