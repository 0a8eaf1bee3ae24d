-- Cross Keys Homes: where a referral goes depends on the risk and on whether
-- the victim lives in Peterborough (the route_by_area hook and the partners'
-- `area` and `when`).
-- Policy, "Process for determining the support you need": high risk → "Specialist
-- Abuse Services Peterborough or specific to the area you live in"; standard or
-- medium → "outreach providers or the Peterborough Victim's Hub (Peterborough
-- residents) as appropriate".

local support = require "support"
local SECTION = "Process for determining the support you need"

describe("route_by_area", function()
  scenario "Given a Peterborough resident at standard risk, then the Victims' Hub and not the outreach providers" {
    plugin = "cross_keys_homes",
    source = SECTION,
    tags = { "pathways", "hook" },
    case = support.adult { area = "Peterborough", dash = { yes_count = 4 } },
    expect = {
      risk = { band = "standard" },
      referrals = {
        includes = { partner = "victims_hub", kind = "outreach" },
        excludes = { { partner = "outreach_providers" }, { partner = "sasp" }, { partner = "area_high_risk_service" } },
      },
      notes = { includes = "Peterborough resident: referred to the Peterborough Victims' Hub" },
    },
  }

  scenario "Given a Peterborough resident at medium risk (DASH 12), then the Victims' Hub" {
    plugin = "cross_keys_homes",
    source = SECTION,
    tags = { "pathways", "hook" },
    case = support.adult { area = "peterborough", dash = { yes_count = 12 } },
    expect = {
      risk = { band = "medium" },
      referrals = { includes = { partner = "victims_hub" }, excludes = { partner = "outreach_providers" } },
    },
  }

  scenario "Given a Peterborough resident at high risk, then Specialist Abuse Services Peterborough and not another area's service" {
    plugin = "cross_keys_homes",
    source = SECTION,
    tags = { "pathways", "hook" },
    case = support.adult { area = "Peterborough", dash = { yes_count = 15 } },
    expect = {
      risk = { band = "high", marac = true },
      referrals = {
        includes = { { partner = "sasp", kind = "specialist" }, { partner = "marac" } },
        excludes = { { partner = "area_high_risk_service" }, { partner = "victims_hub" }, { partner = "outreach_providers" } },
      },
      notes = { includes = "Peterborough resident: referred to Specialist Abuse Services Peterborough" },
    },
  }

  scenario "Given a Cambridgeshire resident at medium risk, then the outreach providers and not the Peterborough Victims' Hub" {
    plugin = "cross_keys_homes",
    source = SECTION,
    tags = { "pathways", "hook" },
    case = support.adult { area = "Cambridgeshire", dash = { yes_count = 12 } },
    expect = {
      referrals = {
        includes = { partner = "outreach_providers", kind = "outreach" },
        excludes = { { partner = "victims_hub" }, { partner = "sasp" } },
      },
      notes = { excludes = is.matches("^Peterborough resident") },
    },
  }

  scenario "Given a Cambridgeshire resident at high risk (DASH 17), then the specialist service for their own area, not Peterborough's" {
    plugin = "cross_keys_homes",
    source = SECTION,
    tags = { "pathways", "hook" },
    case = support.adult { area = "Cambridgeshire", dash = { yes_count = 17 } },
    expect = {
      referrals = {
        includes = { { partner = "area_high_risk_service", kind = "specialist" }, { partner = "marac" } },
        excludes = { { partner = "sasp" }, { partner = "outreach_providers" }, { partner = "victims_hub" } },
      },
    },
  }

  scenario "Given a Peterborough resident raised to high risk only by professional judgement, then Specialist Abuse Services Peterborough" {
    plugin = "cross_keys_homes",
    source = SECTION,
    tags = { "pathways", "hook", "professional_judgement" },
    case = support.adult {
      area = "Peterborough",
      dash = { yes_count = 6 },
      professional_judgement = { high_risk = true, reason = "non-fatal strangulation disclosed" },
    },
    expect = {
      risk = { band = "high", marac = true },
      referrals = { includes = { partner = "sasp" }, excludes = { { partner = "area_high_risk_service" }, { partner = "victims_hub" } } },
    },
  }
end)

scenario "Given the abuse has not been reported, then a police referral is offered and waits for the victim's consent" {
  plugin = "cross_keys_homes",
  source = SECTION,
  tags = { "pathways", "consent" },
  case = support.adult { area = "Peterborough" },
  expect = {
    referrals = { includes = { partner = "police", kind = "police", status = "awaiting_consent", consent = "not_asked" } },
  },
}

scenario "Given any case, then the practical support offers (legal, food and utility, white goods, finances) wait for consent" {
  plugin = "cross_keys_homes",
  source = "What support can we offer?",
  tags = { "pathways", "consent" },
  case = support.adult { area = "Cambridgeshire" },
  expect = {
    referrals = {
      includes = {
        { partner = "specialist_legal_support", kind = "legal", status = "awaiting_consent" },
        { partner = "food_utility_support", status = "awaiting_consent" },
        { partner = "white_goods_furniture", status = "awaiting_consent" },
        { partner = "finances_benefits", status = "awaiting_consent" },
      },
    },
  },
}

scenario "Given children in the household, then child protection under the Child Protection Policy goes ahead without waiting for consent" {
  plugin = "cross_keys_homes",
  source = "Process for determining the support you need, Information sharing",
  tags = { "safeguarding", "children" },
  case = support.with_children({ support.child(6) }, { area = "Peterborough" }),
  expect = {
    child_victims = { count = 1 },
    referrals = { includes = { partner = "children_safeguarding", kind = "safeguarding_children", status = "ready", basis = is.present } },
  },
}

scenario "Given a victim who lacks capacity, then safeguarding adults at risk goes ahead on a lawful basis" {
  plugin = "cross_keys_homes",
  source = "Process for determining the support you need, Information sharing",
  tags = { "safeguarding", "adults" },
  case = support.adult { area = "Peterborough", victim = { has_capacity = false } },
  expect = {
    referrals = { includes = { partner = "adults_safeguarding", kind = "safeguarding_adults", status = "ready", basis = is.present } },
  },
}

scenario "Given a victim with capacity and no children, then no safeguarding referral is made" {
  plugin = "cross_keys_homes",
  source = "Process for determining the support you need, Information sharing",
  tags = { "safeguarding" },
  case = support.adult { area = "Peterborough" },
  expect = {
    referrals = { excludes = { { kind = "safeguarding_adults" }, { kind = "safeguarding_children" } } },
  },
}
