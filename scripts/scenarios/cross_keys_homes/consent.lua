-- Cross Keys Homes: consent to the hand-off and to each referral.
-- Policy, "What happens when you disclose domestic abuse to us?" and
-- "Information sharing": "We will only make referrals to third party
-- organisations with your consent."

local support = require "support"
local DISCLOSE = "What happens when you disclose domestic abuse to us?"
local SHARING = "Information sharing"

scenario "Given consent to the police and refusal for legal support, then the police referral is ready and legal support is declined" {
  plugin = "cross_keys_homes",
  source = SHARING,
  tags = { "consent" },
  case = support.adult {
    area = "Cambridgeshire",
    consent = { handoff = "given", referrals = { police = "given", specialist_legal_support = "refused" } },
  },
  expect = {
    referrals = {
      includes = {
        { partner = "police", consent = "given", status = "ready" },
        { partner = "specialist_legal_support", consent = "refused", status = "declined" },
      },
    },
  },
}

scenario "Given consent to outreach is withdrawn, then the outreach referral is declined" {
  plugin = "cross_keys_homes",
  source = SHARING,
  tags = { "consent" },
  case = support.adult {
    area = "Cambridgeshire",
    dash = { yes_count = 11 },
    consent = { handoff = "given", referrals = { outreach_providers = "withdrawn" } },
  },
  expect = {
    referrals = { includes = { partner = "outreach_providers", consent = "withdrawn", status = "declined" } },
  },
}

scenario "Given the person does not want the report passed to a Neighbourhood Manager, then record it, take no further action and invite them back" {
  plugin = "cross_keys_homes",
  source = DISCLOSE,
  tags = { "consent", "handoff" },
  case = support.adult { area = "Peterborough", consent = { handoff = "refused" } },
  expect = {
    actions = { includes = { id = "handoff_declined" } },
    deadlines = { excludes = { id = "open_case" } },
    referrals = { excludes = { status = "ready" } },
  },
}

scenario "Given the hand-off is refused but children are exposed, then child protection still goes ahead on its lawful basis" {
  plugin = "cross_keys_homes",
  source = DISCLOSE .. ", " .. SHARING,
  tags = { "consent", "handoff", "children" },
  case = support.with_children({ support.child(9) }, { area = "Peterborough", consent = { handoff = "refused" } }),
  expect = {
    actions = { includes = { id = "handoff_declined" } },
    referrals = { includes = { partner = "children_safeguarding", status = "ready" } },
  },
}

scenario "Given high risk and the victim has not been asked about MARAC, then the MARAC referral goes ahead on the high-risk basis" {
  plugin = "cross_keys_homes",
  source = "Process for determining the support you need",
  tags = { "consent", "marac" },
  case = support.adult { area = "Cambridgeshire", dash = { yes_count = 18 } },
  expect = {
    referrals = { includes = { partner = "marac", status = "ready", basis = is.present, consent = is.one_of { "not_required", "not_asked" } } },
  },
}

scenario "Given high risk and the victim refuses MARAC, then MARAC still hears the case and the refusal is recorded" {
  plugin = "cross_keys_homes",
  source = "Process for determining the support you need",
  tags = { "consent", "marac" },
  case = support.adult {
    area = "Peterborough",
    dash = { yes_count = 16 },
    consent = { handoff = "given", referrals = { marac = "refused", sasp = "given" } },
  },
  expect = {
    risk = { marac = true },
    referrals = {
      includes = {
        { partner = "marac", consent = "refused", status = "ready", basis = is.present },
        { partner = "sasp", consent = "given", status = "ready" },
      },
    },
  },
}

scenario "Given high risk and the victim refuses the specialist service, then that referral is declined (no lawful basis overrides it)" {
  plugin = "cross_keys_homes",
  source = SHARING,
  tags = { "consent" },
  case = support.adult {
    area = "Peterborough",
    dash = { yes_count = 16 },
    consent = { handoff = "given", referrals = { sasp = "refused" } },
  },
  expect = {
    referrals = { includes = { partner = "sasp", consent = "refused", status = "declined" } },
  },
}

scenario "Given a caseworker records a crime and disorder basis for the police, then the police referral is ready without consent" {
  plugin = "cross_keys_homes",
  source = SHARING,
  tags = { "consent", "lawful_basis" },
  case = support.adult {
    area = "Peterborough",
    consent = {
      handoff = "given",
      lawful_basis = { { basis = "crime_and_disorder_act_1998_s115", reason = "police request about threats to kill", recorded_by = "Neighbourhood Manager (ASB)", applies_to = { "police" } } },
    },
  },
  expect = {
    referrals = {
      includes = { partner = "police", status = "ready", basis = is.present },
      excludes = { partner = "specialist_legal_support", status = "ready" },
    },
  },
}

scenario "Given the hand-off is refused, then no action against the perpetrator is proposed (\"We will take no further action at this time\")" {
  plugin = "cross_keys_homes",
  source = DISCLOSE .. ", Perpetrator Management",
  tags = { "consent", "handoff", "perpetrator" },
  case = support.adult { area = "Peterborough", consent = { handoff = "refused" } },
  expect = {
    actions = { includes = { id = "handoff_declined" } },
    perpetrator = { excludes = { status = "proposed" } },
  },
}
