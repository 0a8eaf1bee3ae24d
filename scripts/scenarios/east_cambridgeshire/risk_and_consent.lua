-- East Cambridgeshire District Council: risk (§5.6 MARAC, §7.2 and §11.2 DASH)
-- and information sharing (§6.1, §6.2).
-- The policy prints no DASH score; the plugin uses the usual threshold of 14.

local support = require "support"

grid "Given a DASH score one below, at and above 14, then MARAC follows at or above it" {
  plugin = "east_cambridgeshire",
  source = "§5.6, §7.2, §11.2",
  tags = { "risk", "threshold" },
  rows = {
    { score = 13, marac = false, band = "standard" },
    { score = 14, marac = true, band = "high" },
    { score = 15, marac = true, band = "high" },
  },
  case = function(row)
    return support.adult { area = "East Cambridgeshire", dash = { yes_count = row.score } }
  end,
  expect = function(row)
    return {
      risk = { threshold = 14, marac = row.marac, band = row.band },
      referrals = row.marac and { includes = { partner = "marac", kind = "marac" } } or { excludes = { kind = "marac" } },
    }
  end,
}

scenario "Given no bands in the policy, then a DASH of 12 is standard, not medium" {
  plugin = "east_cambridgeshire",
  source = "§7.2, §11.2",
  tags = { "risk", "bands" },
  case = support.adult { dash = { yes_count = 12 } },
  expect = { risk = { score_band = "standard", band = "standard", marac = false } },
}

scenario "Given the Housing team's concern after a DASH of 9 with threats to kill, then professional judgement refers to MARAC" {
  plugin = "east_cambridgeshire",
  source = "§7.7, §11.2",
  tags = { "risk", "professional_judgement" },
  case = support.adult {
    dash = { yes_count = 9 },
    threats = { "kill" },
    professional_judgement = { high_risk = true, reason = "threats to kill after separation" },
  },
  expect = {
    risk = { band = "high", marac = true, criteria = { includes = "professional_judgement" } },
    referrals = { includes = { partner = "marac", status = "ready" } },
  },
}

scenario "Given high risk and no consent asked for MARAC, then MARAC goes ahead on the high-risk basis" {
  plugin = "east_cambridgeshire",
  source = "§5.6, §6.1",
  tags = { "consent", "marac" },
  case = support.adult { dash = { yes_count = 16 } },
  expect = { referrals = { includes = { partner = "marac", status = "ready", basis = is.present } } },
}

scenario "Given consent to the IDVA service and refusal of the police, then the IDVA referral is ready and the police one declined" {
  plugin = "east_cambridgeshire",
  source = "§6.1, §11.1",
  tags = { "consent" },
  case = support.adult {
    consent = { handoff = "given", referrals = { idva = "given", police = "refused" } },
  },
  expect = {
    referrals = {
      includes = {
        { partner = "idva", kind = "idva", consent = "given", status = "ready" },
        { partner = "police", kind = "police", consent = "refused", status = "declined" },
      },
    },
  },
}

scenario "Given consent to every kind of specialist help, then the specialist, Freedom Programme and legal referrals are ready" {
  plugin = "east_cambridgeshire",
  source = "§4.5, §4.7, §5.3, §9.2",
  tags = { "consent", "pathways" },
  case = support.adult {
    consent = { handoff = "given", referrals = { specialist_da_services = "given", freedom_programme = "given", legal_advice = "given", victim_support_services = "given" } },
  },
  expect = {
    referrals = {
      includes = {
        { partner = "specialist_da_services", status = "ready" },
        { partner = "freedom_programme", status = "ready" },
        { partner = "legal_advice", kind = "legal", status = "ready" },
        { partner = "victim_support_services", status = "ready" },
      },
    },
  },
}

scenario "Given no answers about consent, then every partner in §5.3 waits for consent" {
  plugin = "east_cambridgeshire",
  source = "§5.3, §6.1",
  tags = { "consent", "pathways" },
  case = support.adult {},
  expect = {
    referrals = {
      includes = {
        { partner = "police", status = "awaiting_consent" },
        { partner = "idva", status = "awaiting_consent" },
        { partner = "learning_disabilities_partnership", status = "awaiting_consent" },
        { partner = "gypsy_traveller_liaison", status = "awaiting_consent" },
        { partner = "housing_partners", kind = "housing_options", status = "awaiting_consent" },
        { partner = "locks_24_7", status = "awaiting_consent" },
      },
      excludes = { status = "ready" },
    },
  },
}

scenario "Given children in the household, then social care shares for the protection of children and education waits for consent" {
  plugin = "east_cambridgeshire",
  source = "§1.6, §5.3, §6.1",
  tags = { "consent", "children" },
  case = support.with_children { support.child(8) },
  expect = {
    referrals = {
      includes = {
        { partner = "social_care_children", kind = "safeguarding_children", status = "ready", basis = is.present },
        { partner = "education", status = "awaiting_consent" },
      },
    },
  },
}

scenario "Given no children, then neither children's social care nor education is involved" {
  plugin = "east_cambridgeshire",
  source = "§5.3, §6.1",
  tags = { "children" },
  case = support.adult {},
  expect = { referrals = { excludes = { { partner = "social_care_children" }, { partner = "education" } } } },
}

scenario "Given a victim without capacity who does not want the council to act, then County Adult Safeguarding still goes ahead" {
  plugin = "east_cambridgeshire",
  source = "§1.5, §4.3, §6.1, §6.2",
  tags = { "consent", "capacity" },
  case = support.adult {
    victim = { has_capacity = false },
    consent = { handoff = "given", referrals = { adult_safeguarding = "refused" } },
  },
  expect = { referrals = { includes = { partner = "adult_safeguarding", kind = "safeguarding_adults", status = "ready", basis = is.present } } },
}

scenario "Given the council records a legal duty to share with the police, then the police referral is ready without consent" {
  plugin = "east_cambridgeshire",
  source = "§6.1 (required by law)",
  tags = { "consent", "lawful_basis" },
  case = support.adult {
    consent = {
      handoff = "given",
      referrals = { police = "refused" },
      lawful_basis = { { basis = "legal_duty", reason = "court order to disclose", recorded_by = "Housing Team Leader", applies_to = { "police" } } },
    },
  },
  expect = { referrals = { includes = { partner = "police", status = "ready", basis = is.present } } },
}
