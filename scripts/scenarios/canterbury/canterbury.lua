-- Canterbury City Council: a statement of approach. It names no risk tool,
-- time limit or security measure; the plugin uses the national DASH threshold
-- of 14 so that risk can be banded at all. Sections are the policy's headings.

local support = require "support"
local DEFINITION = "Domestic abuse definition"
local PARTNERS = "Multi-agency partnerships"
local LINKED = "Linked policies"
local ENFORCEMENT = "Enforcement and holding perpetrators to account"
local TENANTS = "If you're a council tenant or leaseholder, a client or a resident in the district"

describe("who is covered", function()
  grid "Given the policy's definition, then both must be 16 or over" {
    plugin = "canterbury",
    source = DEFINITION,
    tags = { "scope", "age" },
    rows = {
      { victim = 15, perpetrator = 18, within = false },
      { victim = 16, perpetrator = 18, within = true },
      { victim = 30, perpetrator = 15, within = false },
    },
    case = function(row)
      return support.adult { area = "Canterbury", victim = { age = row.victim }, perpetrator = { age = row.perpetrator } }
    end,
    expect = function(row)
      return { scope = { within_act = row.within } }
    end,
  }

  scenario "Given an ex-fiance whose engagement ended, then personally connected as the Act says (the agreement need not still be in place)" {
    plugin = "canterbury",
    source = DEFINITION,
    tags = { "scope", "relationship" },
    case = support.adult { area = "Canterbury", perpetrator = { relationship = "engaged", current = false, lives_with_victim = false } },
    expect = { scope = { within_act = true } },
  }

  scenario "Given a child related to both parties who does not see, hear or experience the abuse, then not a victim in their own right (the Act needs both)" {
    plugin = "canterbury",
    source = DEFINITION,
    tags = { "children", "known_defect" },
    -- The policy says "see, hear or experience the effects of the abuse or are related to the survivor or
    -- perpetrator"; the Act (s.3) requires both. The core follows the Act; safeguarding is still considered.
    case = support.with_children({ support.child(9, { exposed = false }) }, { area = "Canterbury" }),
    expect = {
      child_victims = { count = 0 },
      referrals = { includes = { partner = "children_social_care", kind = "safeguarding_children" } },
    },
  }

  scenario "Given a child who sees the abuse but is related to neither, then not a victim under the Act, yet children's social care is told" {
    plugin = "canterbury",
    source = DEFINITION .. ", " .. PARTNERS,
    tags = { "children", "known_defect" },
    case = support.with_children({ support.child(9, { related_to_victim = false, related_to_perpetrator = false, exposed = true }) }, { area = "Canterbury" }),
    expect = {
      child_victims = { count = 0 },
      referrals = { includes = { partner = "children_social_care", status = "ready", basis = "children_act_1989_s47" } },
    },
  }

  scenario "Given a child who sees the abuse and is related to the victim, then a victim in their own right and children's social care shares under the duty of care" {
    plugin = "canterbury",
    source = DEFINITION .. ", " .. PARTNERS,
    tags = { "children", "consent" },
    case = support.with_children({ support.child(9, { exposed = true, related_to_perpetrator = false }) }, {
      area = "Canterbury",
      consent = { handoff = "given", referrals = { children_social_care = "refused" } },
    }),
    expect = {
      child_victims = { count = 1 },
      referrals = { includes = { partner = "children_social_care", status = "ready", basis = "children_act_1989_s47" } },
    },
  }
end)

describe("risk and consent", function()
  grid "Given a DASH score one below, at and above 14, then MARAC follows at or above it" {
    plugin = "canterbury",
    source = PARTNERS,
    tags = { "risk", "threshold" },
    rows = {
      { score = 13, marac = false },
      { score = 14, marac = true },
      { score = 15, marac = true },
    },
    case = function(row)
      return support.adult { area = "Canterbury", dash = { yes_count = row.score } }
    end,
    expect = function(row)
      return {
        risk = { threshold = 14, marac = row.marac },
        referrals = row.marac and { includes = { kind = "marac", status = "ready" } } or { excludes = { kind = "marac" } },
      }
    end,
  }

  scenario "Given consent to Rising Sun and refusal of Clarion, then Rising Sun is ready and Clarion declined" {
    plugin = "canterbury",
    source = "Equality, diversity and inclusion considerations, " .. PARTNERS,
    tags = { "consent", "pathways" },
    case = support.adult { area = "Canterbury", consent = { handoff = "given", referrals = { rising_sun = "given", clarion = "refused" } } },
    expect = {
      referrals = {
        includes = {
          { partner = "rising_sun", kind = "specialist", status = "ready" },
          { partner = "clarion", kind = "specialist", consent = "refused", status = "declined" },
          { partner = "police", status = "awaiting_consent" },
          { partner = "health", status = "awaiting_consent" },
        },
      },
    },
  }

  scenario "Given consent to health withdrawn, then the health referral is declined" {
    plugin = "canterbury",
    source = PARTNERS,
    tags = { "consent" },
    case = support.adult { area = "Canterbury", consent = { handoff = "given", referrals = { health = "withdrawn" } } },
    expect = { referrals = { includes = { partner = "health", consent = "withdrawn", status = "declined" } } },
  }

  scenario "Given high risk and the victim refuses MARAC, then MARAC still hears it on the high-risk basis" {
    plugin = "canterbury",
    source = PARTNERS .. ", " .. LINKED,
    tags = { "consent", "marac" },
    case = support.adult { area = "Canterbury", dash = { yes_count = 17 }, consent = { handoff = "given", referrals = { marac = "refused" } } },
    expect = { referrals = { includes = { kind = "marac", consent = "refused", status = "ready", basis = "marac_high_risk" } } },
  }

  scenario "Given a significant risk of harm, then the Safeguarding Policy is followed and adult safeguarding shares without consent" {
    plugin = "canterbury",
    source = LINKED,
    tags = { "consent", "safeguarding" },
    case = support.adult { area = "Canterbury", dash = { yes_count = 17 } },
    expect = { referrals = { includes = { partner = "adult_safeguarding", kind = "safeguarding_adults", status = "ready", basis = is.present } } },
  }

  scenario "Given standard risk, then no adult safeguarding referral" {
    plugin = "canterbury",
    source = LINKED,
    tags = { "safeguarding" },
    case = support.adult { area = "Canterbury", dash = { yes_count = 5 } },
    expect = { referrals = { excludes = { kind = "safeguarding_adults" } } },
  }

  scenario "Given a victim whose capacity is limited by coercion, then adult safeguarding goes ahead on the Mental Capacity Act basis" {
    plugin = "canterbury",
    source = LINKED,
    tags = { "consent", "capacity" },
    case = support.adult { area = "Canterbury", victim = { has_capacity = false }, behaviours = { "coercive_control" } },
    expect = { referrals = { includes = { kind = "safeguarding_adults", status = "ready", basis = "mental_capacity_act_2005" } } },
  }

  scenario "Given the police ask for information to reduce crime and disorder, then sharing with the police is ready on that recorded basis" {
    plugin = "canterbury",
    source = LINKED,
    tags = { "consent", "lawful_basis" },
    case = support.adult {
      area = "Canterbury",
      consent = {
        handoff = "given",
        lawful_basis = { { basis = "crime_and_disorder_act_1998_s115", reason = "police request to protect a vulnerable person", recorded_by = "Safeguarding Lead", applies_to = { "police" } } },
      },
    },
    expect = { referrals = { includes = { partner = "police", status = "ready", basis = "crime_and_disorder_act_1998_s115" } } },
  }
end)

describe("housing, perpetrators and helplines", function()
  scenario "Given a council tenant, then advice from the Housing team before any decision such as giving up the tenancy" {
    plugin = "canterbury",
    source = TENANTS,
    tags = { "housing" },
    case = support.adult { area = "Canterbury", victim = { tenure = "secure" } },
    expect = {
      housing = { options = { count = 1, includes = { id = "housing_team_advice", notes = is.matches("giving up your tenancy") } }, secure_tenancy_on_rehousing = true },
    },
  }

  scenario "Given a victim homeless because of the abuse, then priority need" {
    plugin = "canterbury",
    source = "The Domestic Abuse Act 2021",
    tags = { "housing", "priority_need" },
    case = support.homeless { area = "Canterbury" },
    expect = { housing = { priority_need = true, duty = "relief" } },
  }

  scenario "Given a perpetrator who is a council tenant, then behaviour change support, escalation and legal action for breach of tenancy" {
    plugin = "canterbury",
    source = ENFORCEMENT,
    tags = { "perpetrator" },
    case = support.adult { area = "Canterbury", perpetrator = { tenant = true } },
    expect = {
      perpetrator = {
        includes = {
          { id = "behaviour_change_support", status = "proposed" },
          { id = "escalate_early_intervention", status = "proposed" },
          { id = "tenancy_legal_action", status = "proposed" },
          { id = "protection_notice_order", status = "proposed" },
        },
      },
    },
  }

  scenario "Given a perpetrator who is not a council tenant, then no tenancy action" {
    plugin = "canterbury",
    source = ENFORCEMENT,
    tags = { "perpetrator" },
    case = support.adult { area = "Canterbury", perpetrator = { tenant = false, lives_with_victim = false } },
    expect = { perpetrator = { excludes = { id = "tenancy_legal_action" } } },
  }

  scenario "Given a protection notice is considered, then no 28-day deadline is set (that is the old DVPO wording, not a council rule)" {
    plugin = "canterbury",
    source = "The Domestic Abuse Act 2021",
    tags = { "deadlines", "known_defect" },
    case = support.adult { area = "Canterbury", threats = { "kill" }, dash = { yes_count = 15 } },
    expect = { deadlines = { count = 0 }, perpetrator = { includes = { id = "protection_notice_order" } } },
  }

  scenario "Given any case, then the Respect helpline and the East Kent programme for perpetrators, exactly as printed" {
    plugin = "canterbury",
    source = "Policy scope and objectives, " .. ENFORCEMENT,
    tags = { "helplines" },
    case = support.adult { area = "Canterbury" },
    expect = {
      helplines = {
        perpetrator = {
          count = 2,
          includes = {
            { name = "Respect Helpline", number = "0808 802 4040" },
            { name = "East Kent male domestic abuse programme", number = "07955 039 703" },
          },
        },
        victim = is.absent,
      },
    },
  }

  scenario "Given immediate danger, then 999 first even though the policy prints no emergency number" {
    plugin = "canterbury",
    source = "Domestic abuse definition; core invariant 3",
    tags = { "emergency" },
    case = support.adult { area = "Canterbury", immediate_danger = true },
    expect = { emergency = { required = true, advice = { includes = is.matches("999") } } },
  }

  scenario "Given a counter-allegation, then identify the primary perpetrator and do not treat the victim as the ASB perpetrator" {
    plugin = "canterbury",
    source = ENFORCEMENT,
    tags = { "perpetrator", "counter_allegation" },
    case = support.adult { area = "Canterbury", channel = "asb_complaint", counter_allegation = true },
    expect = {
      perpetrator = { includes = { id = "identify_primary_perpetrator", status = "required" } },
      actions = { includes = { id = "victim_not_asb_perpetrator" } },
    },
  }
end)
