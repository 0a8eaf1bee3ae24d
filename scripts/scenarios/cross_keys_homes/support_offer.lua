-- Cross Keys Homes: target hardening, housing options and action against the
-- perpetrator ("What support can we offer?", "Perpetrator Management").

local support = require "support"
local OFFER = "What support can we offer?"
local PERP = "Perpetrator Management"

scenario "Given a victim staying at home, then all four target-hardening measures are offered" {
  plugin = "cross_keys_homes",
  source = OFFER,
  tags = { "security" },
  case = support.adult { area = "Peterborough", housing = { wishes = "remain" } },
  expect = {
    measures = {
      count = 4,
      includes = { { id = "window_alarms" }, { id = "security_lights" }, { id = "locks" }, { id = "dummy_cctv" } },
    },
  },
}

scenario "Given a threat of arson, then the same four measures and nothing the policy does not name" {
  plugin = "cross_keys_homes",
  source = OFFER,
  tags = { "security" },
  case = support.adult { area = "Peterborough", threats = { "arson" } },
  expect = { measures = { count = 4, excludes = { id = "fireproof_letterbox" } } },
}

scenario "Given a victim who is not homeless, then the housing options are offered without homelessness assistance" {
  plugin = "cross_keys_homes",
  source = OFFER,
  tags = { "housing" },
  case = support.adult { area = "Cambridgeshire" },
  expect = {
    housing = {
      options = {
        includes = { { id = "refuge" }, { id = "emergency_transfer" }, { id = "reciprocal" }, { id = "joint_tenancy_change" }, { id = "court_orders" } },
        excludes = { id = "homelessness_assistance" },
      },
      priority_need = false,
    },
  },
}

scenario "Given a victim made homeless by the abuse, then homelessness assistance and automatic priority need" {
  plugin = "cross_keys_homes",
  source = OFFER,
  tags = { "housing", "priority_need" },
  case = support.homeless { area = "Peterborough" },
  expect = {
    housing = { options = { includes = { id = "homelessness_assistance" } }, priority_need = true, duty = "relief" },
  },
}

scenario "Given a housing association assured tenant, then no secure tenancy on rehousing is promised (Cross Keys is not a council)" {
  plugin = "cross_keys_homes",
  source = OFFER,
  tags = { "housing" },
  case = support.adult { area = "Peterborough", victim = { tenure = "assured" } },
  expect = { housing = { secure_tenancy_on_rehousing = false } },
}

scenario "Given the victim still lives at the property, then eviction of the perpetrator is blocked until she has left" {
  plugin = "cross_keys_homes",
  source = PERP,
  tags = { "perpetrator", "guard" },
  case = support.adult { area = "Peterborough", property = { victim_left = false } },
  expect = {
    perpetrator = {
      includes = {
        { id = "evict_perpetrator", status = "blocked", reason = is.present },
        { id = "action_against_perpetrator", status = "proposed" },
        { id = "support_police_action", status = "proposed" },
        { id = "multi_agency_offender_management", status = "proposed" },
        { id = "civil_orders", status = "proposed" },
        { id = "accommodate_perpetrator_elsewhere", status = "proposed" },
        { id = "refuse_nominations", status = "proposed" },
        { id = "perpetrator_programme", status = "proposed" },
      },
    },
  },
}

scenario "Given the victim has had to flee, then evicting the perpetrator remaining in the property is proposed" {
  plugin = "cross_keys_homes",
  source = PERP,
  tags = { "perpetrator", "guard" },
  case = support.homeless { area = "Peterborough", property = { victim_left = true } },
  expect = { perpetrator = { includes = { id = "evict_perpetrator", status = "proposed" } } },
}

scenario "Given a counter-allegation, then identify the primary perpetrator and never treat the victim as the ASB perpetrator" {
  plugin = "cross_keys_homes",
  source = PERP,
  tags = { "perpetrator", "counter_allegation" },
  case = support.adult { area = "Peterborough", channel = "asb_complaint", counter_allegation = true },
  expect = {
    perpetrator = { includes = { id = "identify_primary_perpetrator", status = "required" } },
    actions = { includes = { { id = "victim_not_asb_perpetrator" }, { id = "no_perpetrator_contact" } } },
  },
}

scenario "Given the victim still lives at the property, then the perpetrator's view shows no eviction and no victim helplines" {
  plugin = "cross_keys_homes",
  source = PERP .. ", Information sharing",
  tags = { "perpetrator", "confidentiality" },
  case = support.adult { area = "Peterborough", dash = { yes_count = 15 }, property = { victim_left = false } },
  expect = {
    perpetrator_view = {
      actions = { excludes = { id = "evict_perpetrator" }, includes = { id = "perpetrator_programme" } },
      helplines = {
        includes = { { number = "999" }, { number = "101" } },
        excludes = { { number = "0808 2000 247" }, { number = "08454 103 123" }, { number = "01223 361214" } },
      },
    },
    invariants = true,
  },
}
