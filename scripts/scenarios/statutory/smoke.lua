-- Smoke scenarios: the statutory floor every council's plugin must keep (design invariants 1, 3, 4 and 5).
-- They run against every plugin under --plugins, so a new council is checked from its first commit.

describe("visible high risk", function()
  scenario "a DASH of 24 always goes to MARAC" {
    plugin = "*",
    source = "design invariant 4",
    tags = { "risk", "invariant" },
    case = cases.adult_victim { dash = { yes_count = 24 } },
    expect = {
      risk = { marac = true, band = "high", criteria = { includes = "visible_high_risk" } },
      referrals = { includes = { kind = "marac", status = "ready" } },
      invariants = true,
    },
  }
end)

scenario "immediate danger gives emergency advice first" {
  plugin = "*",
  source = "design invariant 3",
  tags = { "safety", "invariant" },
  case = cases.adult_victim { immediate_danger = true },
  expect = {
    emergency = { required = true, advice = { count = is.at_least(1) } },
    trace = { includes = { step = 1, rule = "safety.immediate_danger" } },
    invariants = true,
  },
}

scenario "a child who sees the abuse is a victim in their own right" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.3",
  tags = { "children", "invariant" },
  case = cases.child_in_household(),
  expect = {
    child_victims = { count = 1, includes = { age = 7, rule = "daa2021.s3.child_victim" } },
    referrals = { includes = { kind = "safeguarding_children", status = "ready" } },
    invariants = true,
  },
}

scenario "a 15-year-old victim is outside the Act but safeguarded" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1",
  tags = { "scope" },
  case = cases.under_16(),
  expect = {
    scope = { within_act = false, reasons = { includes = { rule = "daa2021.s1.age", met = false } } },
    referrals = { includes = { kind = "safeguarding_children", status = "ready" } },
    invariants = true,
  },
}

scenario "every referral has consent or a lawful basis" {
  plugin = "*",
  source = "design invariant 1",
  tags = { "consent", "invariant" },
  case = cases.homeless { dash = { yes_count = 18 }, consent = { referrals = { idva = "refused" } } },
  expect = {
    referrals = { every = is.one_of { { status = is.no("ready") }, { consent = "given" }, { basis = is.present } } },
    housing = { priority_need = true, duty = "relief" },
    invariants = true,
  },
}
