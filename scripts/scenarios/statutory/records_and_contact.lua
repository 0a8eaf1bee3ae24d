-- Records and safe contact under every plugin: every sharing decision carries
-- who, why and on what basis (domain §3, seed 004 §8.2); the safe contact
-- arrangements and communication needs travel with every referral and
-- deadline; young victims of 16 and 17 are within the Act and safeguarded.

local support = require "support"

scenario "Every referral records why it is made and the rule behind it" {
  plugin = "*",
  source = "Domain §3: every sharing decision is recorded with the basis and the reason (seed 004 §8.2)",
  tags = { "consent", "records" },
  case = support.with_children({ support.child(8) }, {
    dash = { yes_count = 16 },
    victim = { has_capacity = false },
    consent = { handoff = "given", referrals = { police = "given" } },
  }),
  expect = {
    referrals = { every = { reason = is.present, rule = is.present, status = is.one_of { "ready", "awaiting_consent", "declined" } } },
    invariants = true,
  },
}

scenario "A referral that goes without consent names its lawful basis and the reason for it" {
  plugin = "*",
  source = "Domain §3: record which lawful exception applied",
  tags = { "consent", "records" },
  case = support.with_children({ support.child(8) }, { dash = { yes_count = 16 }, consent = { handoff = "refused" } }),
  expect = {
    referrals = {
      includes = {
        { kind = "marac", status = "ready", basis = "marac_high_risk", basis_reason = is.present, basis_rule = "consent.lawful_basis.marac" },
        { kind = "safeguarding_children", status = "ready", basis = "children_act_1989_s47", basis_reason = is.present, basis_rule = "consent.lawful_basis.child_protection" },
      },
    },
  },
}

scenario "Hand-off refused at high risk: the report is recorded and MARAC still goes ahead" {
  plugin = "*",
  source = "Domain §3 (seed 001: hand-off declined; seed 004 §7.2: MARAC with or without consent)",
  tags = { "consent", "handoff", "marac" },
  case = support.adult { dash = { yes_count = 18 }, consent = { handoff = "refused" } },
  expect = {
    actions = { includes = { id = "handoff_declined" } },
    referrals = { includes = { kind = "marac", status = "ready" } },
    invariants = true,
  },
}

scenario "Interpreter and BSL needs travel with every referral" {
  plugin = "*",
  source = "Domain §3; case format: needs (Equality Act 2010)",
  tags = { "contact", "needs" },
  case = support.adult {
    dash = { yes_count = 15 },
    needs = { interpreter_language = "Romanian", bsl = true },
  },
  expect = {
    contact = { interpreter_language = "Romanian", bsl = true, notes = { includes = is.matches("never use family") } },
    referrals = { every = { contact = { interpreter_language = "Romanian", bsl = true } } },
  },
}

scenario "No voicemail unless the victim says it is safe" {
  plugin = "*",
  source = "Domain §3: agree the safest time, place and method of contact",
  tags = { "contact" },
  case = support.adult { contact = { safe_method = "phone", safe_times = "weekday mornings", voicemail_safe = support.none, address_safe = false } },
  expect = { contact = { method = "phone", voicemail_safe = false, notes = { includes = "do not leave voicemail" } } },
}

grid "Victims of 16 and 17 are within the Act and also get a child safeguarding step" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1(2)(a); Children Act 1989 s.47",
  tags = { "scope", "age", "children" },
  rows = { { age = 16 }, { age = 17 } },
  case = function(row)
    return support.adult { victim = { age = row.age, tenant = false, tenure = "none" }, perpetrator = { age = 19 } }
  end,
  expect = function()
    return {
      scope = { within_act = true },
      referrals = { includes = { kind = "safeguarding_children", status = "ready" } },
      invariants = true,
    }
  end,
}

scenario "Homeless because of the abuse: never referred to another area where they would be at risk" {
  plugin = "*",
  source = "Housing Act 1996 s.198(2ZA)",
  tags = { "housing" },
  case = support.homeless(),
  expect = { housing = { notes = { includes = { rule = "ha1996.s198.no_referral_at_risk" } } } },
}

scenario "Homeless but not eligible (immigration status): no relief duty is owed, specialist advice instead" {
  plugin = "*",
  source = "Housing Act 1996 s.185, s.189B(2) (the relief duty is owed to eligible applicants)",
  tags = { "housing", "eligibility" },
  skip = "core gap: with housing.eligible = false the plan still gives duty = \"relief\" and priority_need = true; s.189B and s.195 duties are owed only to eligible applicants (CKH: \"all eligible homeless victims\"; Eastleigh §10.1: the service \"can only assist victims ... that are Eligible\")",
  case = support.homeless { victim = { recourse_to_public_funds = false }, housing = { eligible = false } },
  expect = { housing = { eligible = false, duty = is.absent, notes = { includes = { rule = "ha1996.s185.eligibility" } } } },
}
