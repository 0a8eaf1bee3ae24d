-- Eastleigh Borough Council: referrals and consent (§6, §7, §10.1, §10.5).
-- §7: "with their consent, the Council will refer all victims and survivors
-- into specialist domestic abuse support agencies ... If they do not consent to
-- a referral, the Council will provide them with relevant information so that
-- they may self-refer."
-- §10.5: "Consent to share information is not needed where there is a
-- safeguarding concern because a person is at risk. Housing staff should notify
-- the relevant safeguarding team and MARAC for cases assessed at being high risk."

local support = require "support"

grid "Given a DASH score one below, at and above 14, then MARAC follows at or above it" {
  plugin = "eastleigh",
  source = "§6, §10.5",
  tags = { "risk", "threshold" },
  rows = {
    { score = 13, marac = false },
    { score = 14, marac = true },
    { score = 15, marac = true },
  },
  case = function(row)
    return support.adult { area = "Eastleigh", dash = { yes_count = row.score } }
  end,
  expect = function(row)
    return {
      risk = { threshold = 14, marac = row.marac },
      referrals = row.marac and { includes = { partner = "marac", status = "ready" } } or { excludes = { partner = "marac" } },
    }
  end,
}

scenario "Given consent to the specialist agency, then the referral is ready" {
  plugin = "eastleigh",
  source = "§7",
  tags = { "consent", "pathways" },
  case = support.adult { area = "Eastleigh", consent = { handoff = "given", referrals = { specialist_da_agency = "given" } } },
  expect = { referrals = { includes = { partner = "specialist_da_agency", kind = "specialist", consent = "given", status = "ready" } } },
}

scenario "Given consent to legal advice but refusal of the specialist agency, then legal advice is ready and the agency declined" {
  plugin = "eastleigh",
  source = "§7, §8",
  tags = { "consent" },
  case = support.adult {
    area = "Eastleigh",
    consent = { handoff = "given", referrals = { legal_advice = "given", specialist_da_agency = "refused" } },
  },
  expect = {
    referrals = {
      includes = {
        { partner = "legal_advice", consent = "given", status = "ready" },
        { partner = "specialist_da_agency", consent = "refused", status = "declined" },
      },
    },
  },
}

scenario "Given the victim declines the referral, then give them the information to self-refer" {
  plugin = "eastleigh",
  source = "§7",
  tags = { "consent", "handoff" },
  case = support.adult { area = "Eastleigh", consent = { handoff = "refused" } },
  expect = {
    actions = { includes = { id = "handoff_declined", text = is.matches("self%-refer") } },
    referrals = { includes = { partner = "specialist_da_agency", status = "declined" } },
  },
}

scenario "Given high risk and the victim refuses MARAC, then MARAC is still notified on the high-risk basis" {
  plugin = "eastleigh",
  source = "§10.5",
  tags = { "consent", "marac" },
  case = support.adult { area = "Eastleigh", dash = { yes_count = 16 }, consent = { handoff = "given", referrals = { marac = "refused" } } },
  expect = { referrals = { includes = { partner = "marac", consent = "refused", status = "ready", basis = "marac_high_risk" } } },
}

scenario "Given high risk, then the adult safeguarding team is notified without waiting for consent" {
  plugin = "eastleigh",
  source = "§10.5",
  tags = { "consent", "safeguarding" },
  case = support.adult { area = "Eastleigh", dash = { yes_count = 16 } },
  expect = { referrals = { includes = { partner = "adult_social_care", kind = "safeguarding_adults", status = "ready", basis = is.present } } },
}

scenario "Given standard risk and capacity, then no adult safeguarding notification" {
  plugin = "eastleigh",
  source = "§10.5",
  tags = { "safeguarding" },
  case = support.adult { area = "Eastleigh", dash = { yes_count = 6 } },
  expect = { referrals = { excludes = { partner = "adult_social_care" } } },
}

scenario "Given children in the household and the hand-off refused, then Children's Services still receive a safeguarding referral" {
  plugin = "eastleigh",
  source = "§6, §10.5",
  tags = { "consent", "children" },
  case = support.with_children({ support.child(2) }, { area = "Eastleigh", consent = { handoff = "refused" } }),
  expect = {
    child_victims = { count = 1 },
    referrals = { includes = { partner = "childrens_services", kind = "safeguarding_children", status = "ready", basis = is.present } },
  },
}

scenario "Given a non-tenant made homeless by the abuse, then the Homeless Prevention Team and independent advocates" {
  plugin = "eastleigh",
  source = "§10.1",
  tags = { "pathways", "housing" },
  case = support.homeless { area = "Eastleigh" },
  expect = {
    referrals = {
      includes = {
        { partner = "homeless_prevention", kind = "housing_options", status = "awaiting_consent" },
        { partner = "independent_advocates", kind = "idva", status = "awaiting_consent" },
      },
    },
    housing = { priority_need = true, duty = "relief" },
  },
}

scenario "Given a council tenant not homeless, then neither the Homeless Prevention Team nor independent advocates" {
  plugin = "eastleigh",
  source = "§10.1",
  tags = { "pathways" },
  case = support.adult { area = "Eastleigh", victim = { tenant = true, tenure = "secure" } },
  expect = { referrals = { excludes = { { partner = "homeless_prevention" }, { partner = "independent_advocates" } } } },
}

scenario "Given no recourse to public funds, then a specialist immigration solicitor and Housing team support" {
  plugin = "eastleigh",
  source = "§10.1",
  tags = { "pathways", "eligibility" },
  case = support.homeless { area = "Eastleigh", victim = { recourse_to_public_funds = false }, housing = { eligible = false } },
  expect = {
    referrals = { includes = { partner = "immigration_advice", kind = "legal" } },
    housing = { eligible = false, options = { includes = { id = "nrpf_support" } } },
  },
}

scenario "Given any victim, then the plan warns that the policy leaves the specialist agency unnamed (\"such as??????????\")" {
  plugin = "eastleigh",
  source = "§7",
  tags = { "placeholder" },
  case = support.adult { area = "Eastleigh" },
  expect = { referrals = { includes = { partner = "specialist_da_agency", placeholder = is.present } } },
}

-- §10.1 is for "non-council tenants": a private or housing association tenant
-- is one, even though they are a tenant of their home.
scenario "Given a private tenant threatened with homelessness in 30 days, then the Homeless Prevention Team, not the council-tenant transfer options" {
  plugin = "eastleigh",
  source = "§10, §10.1",
  tags = { "pathways", "housing" },
  case = support.adult {
    area = "Eastleigh",
    victim = { tenant = true, tenure = "private" },
    housing = { homeless = false, threatened_within_days = 30, wishes = "move" },
  },
  expect = {
    housing = { duty = "prevention", options = { includes = { id = "homelessness_assistance" }, excludes = { { id = "transfer_list" }, { id = "sole_tenancy" } } } },
    referrals = { includes = { partner = "homeless_prevention" } },
  },
}
