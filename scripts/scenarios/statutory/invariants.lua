-- Core invariants on a spread of cases, under every plugin: a referral is
-- ready only with consent or a lawful basis (1), nothing about the victim goes
-- to the perpetrator (2), emergency advice first in immediate danger (3),
-- MARAC at visible high risk and bands never below the score (4), a child
-- safeguarding step whenever children are exposed (5).

local support = require "support"

grid "Core invariants hold on a spread of cases" {
  plugin = "*",
  source = "Core invariants 1-5 (docs/plan-format.md)",
  tags = { "invariants" },
  rows = {
    { label = "standard risk, phone", case = support.adult() },
    { label = "high risk with children and threats", case = support.with_children(
      { support.child(4), support.child(11, { related_to_perpetrator = false }) },
      { dash = { yes_count = 18 }, threats = { "kill", "arson" }, professional_judgement = { high_risk = true, reason = "non-fatal strangulation" }, incidents_12_months = 4 }) },
    { label = "immediate danger, hand-off refused", case = support.adult { immediate_danger = true, consent = { handoff = "refused" } } },
    { label = "homeless presentation, no recourse", case = support.homeless { victim = { recourse_to_public_funds = false }, housing = { eligible = false } } },
    { label = "victim lacks capacity, economic abuse", case = support.adult { victim = { has_capacity = false }, behaviours = { "economic" } } },
    { label = "counter-allegation via ASB complaint", case = support.adult { channel = "asb_complaint", counter_allegation = true } },
    { label = "outside the Act, 15-year-old", case = support.adult { victim = { age = 15 }, perpetrator = { age = 15 } } },
    { label = "perpetrator left, damage leaves home unsafe", case = support.adult { property = { perpetrator_left = true, damage_leaves_unsafe = true }, housing = { wishes = "remain" } } },
    { label = "victim left, secure tenant", case = support.adult { victim = { tenure = "secure" }, property = { victim_left = true }, housing = { wishes = "move", threatened_within_days = 20 } } },
    { label = "every referral refused at high risk", case = support.adult { dash = { yes_count = 15 }, consent = { handoff = "given", referrals = { marac = "refused", police = "refused", idva = "refused" } } } },
    { label = "repeat MARAC, interpreter and BSL needs", case = support.adult { last_marac_referral = "2024-12-01", needs = { interpreter_language = "Polish", bsl = true } } },
  },
  case = function(row) return row.case end,
  expect = function() return { invariants = true } end,
}
