-- Consent and information sharing (core invariant 1), housing duties (Housing
-- Act 1996 Part 7, DA Act 2021 s.78-79) and the perpetrator guards, under
-- every plugin.

local support = require "support"

describe("consent", function()
  scenario "Hand-off refused: record the report, take no further action, invite them back" {
    plugin = "*",
    source = "Domain §3: hand-off declined (seed 001)",
    tags = { "consent", "handoff" },
    case = support.adult { consent = { handoff = "refused" } },
    expect = { actions = { includes = { id = "handoff_declined" } }, invariants = true },
  }

  scenario "Without consent or a lawful basis, no referral is ready" {
    plugin = "*",
    source = "Core invariant 1 (domain §3)",
    tags = { "consent" },
    case = support.adult { consent = { handoff = "given" } },
    expect = { referrals = { excludes = { status = "ready" } }, invariants = true },
  }

  scenario "High risk: MARAC goes ahead without consent, on the high-risk basis" {
    plugin = "*",
    source = "Domain §2: MARAC heard with or without consent (seed 004 §7.2)",
    tags = { "consent", "marac" },
    case = support.adult { dash = { yes_count = 19 }, consent = { handoff = "given", referrals = { marac = "refused" } } },
    expect = { referrals = { includes = { kind = "marac", status = "ready", basis = is.present } } },
  }

  scenario "A victim who lacks capacity: adult safeguarding goes ahead on the Mental Capacity Act basis" {
    plugin = "*",
    source = "Mental Capacity Act 2005; Care Act 2014 s.42",
    tags = { "consent", "capacity" },
    case = support.adult { victim = { has_capacity = false } },
    expect = { referrals = { includes = { kind = "safeguarding_adults", status = "ready", basis = is.present } } },
  }

  scenario "A letter to an address that is not safe is refused as input" {
    plugin = "*",
    source = "Case format: contact (never propose an unsafe channel)",
    tags = { "contact", "validation" },
    case = support.adult { contact = { safe_method = "letter", address_safe = false } },
    expect = { error = "address_safe" },
  }

  scenario "A letter with the address not confirmed safe is not proposed" {
    plugin = "*",
    source = "Case format: contact",
    tags = { "contact" },
    case = support.adult { contact = { safe_method = "letter", address_safe = support.none, voicemail_safe = support.none, safe_times = support.none } },
    expect = { contact = { method = is.absent } },
  }

  scenario "The safe contact agreed with the victim is carried on the plan" {
    plugin = "*",
    source = "Domain §3; case format: contact",
    tags = { "contact" },
    case = support.adult { contact = { safe_method = "text", safe_times = "weekday mornings", voicemail_safe = false, address_safe = false } },
    expect = { contact = { method = "text", times = "weekday mornings", voicemail_safe = false, address_safe = false } },
  }
end)

describe("housing", function()
  scenario "Homeless because of domestic abuse: priority need and the relief duty" {
    plugin = "*",
    source = "Domestic Abuse Act 2021 s.78; Housing Act 1996 s.189(1)(j), s.189B",
    tags = { "housing", "priority_need" },
    case = support.homeless(),
    expect = { housing = { priority_need = true, duty = "relief" }, invariants = true },
  }

  scenario "Homeless but outside the Act (abused by a neighbour): the relief duty, without the automatic priority need" {
    plugin = "*",
    source = "Domestic Abuse Act 2021 s.78 (priority need for a person homeless as a result of domestic abuse)",
    tags = { "housing", "priority_need", "scope" },
    case = support.homeless { perpetrator = { relationship = "none" } },
    expect = { scope = { within_act = false }, housing = { priority_need = false, duty = "relief" } },
  }

  grid "Threatened with homelessness: within 56 days the prevention duty, beyond it not" {
    plugin = "*",
    source = "Housing Act 1996 s.175(4), s.195",
    tags = { "housing" },
    rows = {
      { days = 30, duty = "prevention" },
      { days = 56, duty = "prevention" },
      { days = 57, duty = is.absent },
    },
    case = function(row)
      return support.adult { housing = { homeless = false, threatened_within_days = row.days } }
    end,
    expect = function(row)
      return { housing = { duty = row.duty, priority_need = false } }
    end,
  }

  scenario "A secure council tenant who is rehoused keeps a secure tenancy" {
    plugin = "*",
    source = "Domestic Abuse Act 2021 s.79; Housing Act 1985 s.81ZA",
    tags = { "housing" },
    case = support.adult { victim = { tenure = "secure" } },
    expect = { housing = { secure_tenancy_on_rehousing = true } },
  }

  scenario "A joint secure tenant who is rehoused keeps a secure tenancy" {
    plugin = "*",
    source = "Domestic Abuse Act 2021 s.79; Housing Act 1985 s.81ZA",
    tags = { "housing" },
    case = support.adult { victim = { tenure = "joint_secure" } },
    expect = { housing = { secure_tenancy_on_rehousing = true } },
  }

  scenario "Homeless with no recourse to public funds: not eligible, specialist advice" {
    plugin = "*",
    source = "Housing Act 1996 s.185",
    tags = { "housing", "eligibility" },
    case = support.homeless { victim = { recourse_to_public_funds = false }, housing = { eligible = false } },
    expect = { housing = { eligible = false, notes = { includes = { rule = "ha1996.s185.eligibility" } } } },
  }
end)

describe("perpetrator", function()
  scenario "Counter-allegation: identify the primary perpetrator, never treat the victim as the ASB perpetrator" {
    plugin = "*",
    source = "Domain §6 (seed 003 §6, §10.2)",
    tags = { "perpetrator", "counter_allegation" },
    case = support.adult { channel = "asb_complaint", counter_allegation = true },
    expect = {
      perpetrator = { includes = { id = "identify_primary_perpetrator", status = "required" } },
      actions = { includes = { id = "victim_not_asb_perpetrator" } },
    },
  }

  scenario "An ASB complaint that turns out to be abuse: the victim is not treated as the ASB perpetrator" {
    plugin = "*",
    source = "Domain §6 (seed 003 §10.2)",
    tags = { "perpetrator", "asb" },
    case = support.adult { channel = "asb_complaint", counter_allegation = false },
    expect = { actions = { includes = { id = "victim_not_asb_perpetrator" } } },
  }

  scenario "Staff never contact the perpetrator about the abuse" {
    plugin = "*",
    source = "Domain §6 (seed 003 §10.2)",
    tags = { "perpetrator" },
    case = support.adult { perpetrator = { tenant = true, lives_with_victim = true } },
    expect = { actions = { includes = { id = "no_perpetrator_contact" } }, invariants = true },
  }

  scenario "While the victim is still at home, nothing guarded by her leaving is proposed" {
    plugin = "*",
    source = "Domain §6: possession only after the victim and dependants have left (seed 003 §10.2)",
    tags = { "perpetrator", "guard" },
    case = support.adult { property = { victim_left = false }, perpetrator = { tenant = true } },
    expect = { perpetrator = { excludes = { id = is.matches("^possession"), status = "proposed" } }, invariants = true },
  }

  scenario "Perpetrator age unknown: the plan still decides and asks to confirm 16 or over" {
    plugin = "*",
    source = "Domestic Abuse Act 2021 s.1(2)(a)",
    tags = { "scope", "age" },
    case = support.adult { perpetrator = { age = support.none } },
    expect = { scope = { reasons = { includes = { rule = "daa2021.s1.age" } } }, invariants = true },
  }
end)

describe("what may reach the perpetrator", function()
  scenario "Nothing about the victim goes to the perpetrator: no victim helplines and no blocked actions in the perpetrator's view" {
    plugin = "*",
    source = "Core invariant 2 (domain §3; seed 003 §10.2, §10.5)",
    tags = { "perpetrator", "confidentiality" },
    case = support.with_children({ support.child(6) }, {
      dash = { yes_count = 18 },
      counter_allegation = true,
      channel = "asb_complaint",
      perpetrator = { tenant = true },
      property = { victim_left = false, perpetrator_left = false },
      contact = { safe_method = "phone", safe_times = "after 6pm at her sister's", voicemail_safe = false, address_safe = false },
    }),
    expect = {
      perpetrator_view = {
        actions = {
          excludes = {
            { id = is.matches("^possession") },
            { id = "evict_perpetrator" },
            { id = "end_joint_tenancy_court" },
            { id = "tenancy_matters" },
          },
        },
        helplines = { excludes = { { number = "0808 2000 247" }, { name = is.matches("Women's Aid") }, { number = "0800 1111" } } },
      },
      invariants = true,
    },
  }
end)
