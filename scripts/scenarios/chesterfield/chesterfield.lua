-- Chesterfield Borough Council, Housing Service (October 2024). §5.3 applies
-- when the victim is a tenant, §5.5 when the perpetrator is a tenant. The
-- policy prints no DASH score; the plugin uses the usual threshold of 14.

local support = require "support"

describe("risk and MARAC", function()
  grid "Given a DASH score one below, at and above 14, then MARAC follows at or above it" {
    plugin = "chesterfield",
    source = "§7.1, §7.2",
    tags = { "risk", "threshold" },
    rows = {
      { score = 13, marac = false },
      { score = 14, marac = true },
      { score = 15, marac = true },
    },
    case = function(row)
      return support.adult { area = "Chesterfield", dash = { yes_count = row.score } }
    end,
    expect = function(row)
      return {
        risk = { threshold = 14, marac = row.marac },
        referrals = row.marac and { includes = { partner = "marac", status = "ready" } } or { excludes = { partner = "marac" } },
      }
    end,
  }

  scenario "Given high risk and the victim does not consent, then MARAC hears the case without consent (§7.2)" {
    plugin = "chesterfield",
    source = "§7.2",
    tags = { "consent", "marac" },
    case = support.adult { area = "Chesterfield", dash = { yes_count = 16 }, consent = { handoff = "given", referrals = { marac = "refused" } } },
    expect = { referrals = { includes = { partner = "marac", consent = "refused", status = "ready", basis = "marac_high_risk", basis_reason = is.present } } },
  }

  scenario "Given the officer judges a DASH of 8 high risk after stalking, then MARAC on professional judgement" {
    plugin = "chesterfield",
    source = "§5.1, §7.2",
    tags = { "risk", "professional_judgement" },
    case = support.adult {
      area = "Chesterfield",
      dash = { yes_count = 8 },
      threats = { "stalking" },
      professional_judgement = { high_risk = true, reason = "stalking after separation" },
    },
    expect = { risk = { band = "high", marac = true, criteria = { includes = "professional_judgement" } }, referrals = { includes = { partner = "marac" } } },
  }

  scenario "Given an adult at risk of serious harm, then the safeguarding adults referral goes ahead under the council's duty to protect" {
    plugin = "chesterfield",
    source = "§6.2",
    tags = { "consent", "safeguarding" },
    case = support.adult { area = "Chesterfield", dash = { yes_count = 16 } },
    expect = { referrals = { includes = { partner = "adult_safeguarding", kind = "safeguarding_adults", status = "ready", basis = is.present } } },
  }

  scenario "Given standard risk, then no safeguarding adults referral" {
    plugin = "chesterfield",
    source = "§6.2",
    tags = { "safeguarding" },
    case = support.adult { area = "Chesterfield", dash = { yes_count = 3 } },
    expect = { referrals = { excludes = { partner = "adult_safeguarding" } } },
  }
end)

describe("referrals and consent", function()
  scenario "Given consent to the Elm Foundation and refusal of the police, then the Elm Foundation is ready and the police declined" {
    plugin = "chesterfield",
    source = "§5.4, §7.1",
    tags = { "consent", "pathways" },
    case = support.adult { area = "Chesterfield", consent = { handoff = "given", referrals = { elm_foundation = "given", police = "refused" } } },
    expect = {
      referrals = {
        includes = {
          { partner = "elm_foundation", kind = "specialist", status = "ready" },
          { partner = "police", consent = "refused", status = "declined" },
          { partner = "benefits_advisor", status = "awaiting_consent" },
          { partner = "derbyshire_law_centre", kind = "legal", status = "awaiting_consent" },
        },
      },
    },
  }

  scenario "Given financial exploitation (economic abuse), then the modern slavery team is offered, waiting for consent" {
    plugin = "chesterfield",
    source = "§5.2",
    tags = { "pathways", "economic" },
    case = support.adult { area = "Chesterfield", behaviours = { "economic", "coercive_control" } },
    expect = { referrals = { includes = { partner = "modern_slavery_team", status = "awaiting_consent" } } },
  }

  scenario "Given no economic abuse, then no modern slavery referral" {
    plugin = "chesterfield",
    source = "§5.2",
    tags = { "pathways" },
    case = support.adult { area = "Chesterfield", behaviours = { "physical" } },
    expect = { referrals = { excludes = { partner = "modern_slavery_team" } } },
  }

  scenario "Given children witnessing the abuse at home, then safeguarding children goes ahead without waiting for consent" {
    plugin = "chesterfield",
    source = "§6.1, §6.2",
    tags = { "children", "consent" },
    case = support.with_children({ support.child(5), support.child(14) }, { area = "Chesterfield", consent = { handoff = "refused" } }),
    expect = {
      child_victims = { count = 2 },
      referrals = { includes = { partner = "children_safeguarding", kind = "safeguarding_children", status = "ready", basis = "children_act_1989_s47" } },
      actions = { includes = { id = "handoff_declined" } },
    },
  }

  scenario "Given a safe method agreed with the victim, then future contact is by that method and away from the home" {
    plugin = "chesterfield",
    source = "§5.2, §5.3",
    tags = { "contact" },
    case = support.adult { area = "Chesterfield", contact = { safe_method = "in_person", safe_times = "Tuesday afternoons", address_safe = false, voicemail_safe = false } },
    expect = { contact = { method = "in_person", times = "Tuesday afternoons", notes = { includes = is.matches("away from the home") } } },
  }
end)

describe("the victim is a tenant (§5.3)", function()
  scenario "Given a tenant victim, then locks, alarms, support to stay or move and joint tenancy advice" {
    plugin = "chesterfield",
    source = "§5.3",
    tags = { "security", "housing" },
    case = support.adult { area = "Chesterfield", victim = { tenant = true, tenure = "joint_secure" } },
    expect = {
      measures = { count = 2, includes = { { id = "change_locks" }, { id = "alarms" } } },
      housing = {
        options = { includes = { { id = "stay_at_home" }, { id = "new_home" }, { id = "joint_tenancy_advice" }, { id = "temporary_accommodation" } } },
        secure_tenancy_on_rehousing = true,
      },
      perpetrator = { includes = { id = "legal_powers", status = "proposed" } },
    },
  }

  scenario "Given a victim who is not a council tenant, then no landlord measures but Derbyshire's safe accommodation and homelessness support" {
    plugin = "chesterfield",
    source = "§3.1, §5.3, §5.4",
    tags = { "security", "housing" },
    case = support.adult { area = "Chesterfield", victim = { tenant = false, tenure = "private" }, perpetrator = { tenant = false } },
    expect = {
      measures = { count = 0 },
      housing = {
        options = {
          includes = { { id = "homelessness_application" }, { id = "refuge" }, { id = "dispersed_accommodation" }, { id = "move_on_accommodation" } },
          excludes = { { id = "stay_at_home" }, { id = "joint_tenancy_advice" } },
        },
      },
      perpetrator = { excludes = { id = "legal_powers" } },
    },
  }

  scenario "Given a victim who rents privately, then no council target hardening of a home the council does not own" {
    plugin = "chesterfield",
    source = "§1.2, §5.3, §9.1",
    tags = { "security" },
    case = support.adult { area = "Chesterfield", victim = { tenant = true, tenure = "private" }, perpetrator = { tenant = false } },
    expect = { measures = { count = 0 }, housing = { options = { excludes = { id = "joint_tenancy_advice" } } } },
  }

  scenario "Given a threat of arson, then the policy's two measures only (no other item is invented)" {
    plugin = "chesterfield",
    source = "§5.3, §9.1",
    tags = { "security", "arson" },
    case = support.adult { area = "Chesterfield", victim = { tenant = true, tenure = "secure" }, threats = { "arson" } },
    expect = { measures = { count = 2, excludes = { id = "fireproof_letterbox" } } },
  }

  scenario "Given a victim who wants to remain, then the Derbyshire sanctuary scheme" {
    plugin = "chesterfield",
    source = "§3.1",
    tags = { "housing" },
    case = support.adult { area = "Chesterfield", housing = { wishes = "remain" } },
    expect = { housing = { options = { includes = { id = "sanctuary" } } } },
  }

  scenario "Given a victim homeless because of the abuse, then priority need and support to make a homelessness claim" {
    plugin = "chesterfield",
    source = "§5.4",
    tags = { "housing", "priority_need" },
    case = support.homeless { area = "Chesterfield" },
    expect = { housing = { priority_need = true, options = { includes = { id = "homelessness_application" } } } },
  }
end)

describe("the perpetrator is a tenant (§5.5)", function()
  scenario "Given the victim still lives with the perpetrator, then enforcement waits until it does not compromise her safety" {
    plugin = "chesterfield",
    source = "§5.5",
    tags = { "perpetrator", "guard" },
    -- (she has agreed to the police being involved: evidence for a prosecution needs her permission, §5.5)
    case = support.adult {
      area = "Chesterfield", perpetrator = { tenant = true, lives_with_victim = true },
      property = { victim_left = false, perpetrator_left = false },
      consent = { handoff = "given", referrals = { police = "given" } },
    },
    expect = {
      perpetrator = {
        includes = {
          { id = "support_prosecution", status = "blocked" },
          { id = "temporary_exclusion", status = "blocked" },
          { id = "end_tenancy", status = "blocked" },
          { id = "recharge_damage", status = "blocked" },
          { id = "end_joint_tenancy_court", status = "blocked", reason = is.present },
          { id = "perpetrator_programme", status = "proposed" },
          { id = "rehouse_perpetrator", status = "proposed" },
        },
      },
    },
  }

  scenario "Given the victim cannot return home because of the risk, then ending the joint tenancy through the courts" {
    plugin = "chesterfield",
    source = "§5.5",
    tags = { "perpetrator", "guard" },
    case = support.homeless { area = "Chesterfield", victim = { tenure = "joint_secure" }, perpetrator = { tenant = true }, property = { victim_left = true } },
    expect = {
      perpetrator = {
        includes = {
          { id = "end_joint_tenancy_court", status = "proposed" },
          { id = "end_tenancy", status = "proposed" },
          { id = "temporary_exclusion", status = "proposed" },
          { id = "recharge_damage", status = "proposed" },
        },
      },
    },
  }

  scenario "Given the victim has refused to involve the police, then evidence is not given to support a prosecution" {
    plugin = "chesterfield",
    source = "§5.5",
    tags = { "perpetrator", "consent" },
    case = support.homeless {
      area = "Chesterfield",
      perpetrator = { tenant = true },
      property = { victim_left = true },
      consent = { handoff = "given", referrals = { police = "refused" } },
    },
    expect = { perpetrator = { excludes = { id = "support_prosecution", status = "proposed" } } },
  }

  scenario "Given the perpetrator is not a council tenant, then only the perpetrator programme is proposed" {
    plugin = "chesterfield",
    source = "§5.5, §7.3",
    tags = { "perpetrator" },
    case = support.adult { area = "Chesterfield", victim = { tenant = false, tenure = "private" }, perpetrator = { tenant = false } },
    expect = { perpetrator = { count = 1, includes = { id = "perpetrator_programme", status = "proposed" } } },
  }
end)

describe("time limits and helplines", function()
  scenario "Given a report on a Friday before a bank holiday, then no deadline is invented (\"as soon as possible\")" {
    plugin = "chesterfield",
    source = "§5.1",
    tags = { "deadlines" },
    case = support.adult { area = "Chesterfield", reported_at = "2025-08-22T16:30:00+01:00", property = { damage_leaves_unsafe = true } },
    expect = { deadlines = { count = 0 } },
  }

  scenario "Given imminent danger, then contact the police (999) first" {
    plugin = "chesterfield",
    source = "§5.3",
    tags = { "emergency", "helplines" },
    case = support.adult { area = "Chesterfield", immediate_danger = true },
    expect = {
      emergency = { required = true, advice = { includes = is.matches("999") } },
      helplines = { any = { count = 1, includes = { number = "999", emergency = true } }, victim = is.absent },
    },
  }

  scenario "Given a counter-allegation from an ASB complaint, then identify the primary perpetrator; the victim is not the ASB perpetrator" {
    plugin = "chesterfield",
    source = "§5.2 (anti-social behaviour complaints as an indicator of abuse)",
    tags = { "perpetrator", "counter_allegation" },
    case = support.adult { area = "Chesterfield", channel = "asb_complaint", counter_allegation = true },
    expect = {
      perpetrator = { includes = { id = "identify_primary_perpetrator", status = "required" } },
      actions = { includes = { id = "victim_not_asb_perpetrator" } },
    },
  }
end)
