-- East Cambridgeshire District Council: housing (§7, §8), security (§10),
-- perpetrator management (§11), helplines (§4.6, §11.8) and time limits.

local support = require "support"

scenario "Given a victim who wishes to remain at home, then Safe at Home security and the Safe at Home option are offered" {
  plugin = "east_cambridgeshire",
  source = "§7.6, §10.1",
  tags = { "security", "housing" },
  case = support.adult { housing = { wishes = "remain" } },
  expect = {
    measures = { count = 1, includes = { id = "safe_at_home_security", funded_by = "Safe at Home budget" } },
    housing = { options = { includes = { id = "safe_at_home" } } },
  },
}

scenario "Given a victim who wishes to move, then no Safe at Home budget but the Rent Deposit Scheme is offered" {
  plugin = "east_cambridgeshire",
  source = "§7.6",
  tags = { "security", "housing" },
  case = support.adult { housing = { wishes = "move" } },
  expect = {
    measures = { count = 0 },
    housing = { options = { includes = { id = "rent_deposit_scheme" }, excludes = { id = "safe_at_home" } } },
  },
}

scenario "Given an arson threat to a victim who is undecided, then no security item the policy does not name is invented" {
  plugin = "east_cambridgeshire",
  source = "§10.1, §10.2",
  tags = { "security" },
  case = support.adult { threats = { "arson" }, housing = { wishes = "undecided" } },
  expect = {
    measures = { count = 0 },
    referrals = { includes = { partner = "locks_24_7" } },
  },
}

scenario "Given any victim, then preferential banding, emergency accommodation, refuge and a sole tenancy are among the options" {
  plugin = "east_cambridgeshire",
  source = "§7.4, §7.5, §8.2",
  tags = { "housing" },
  case = support.adult {},
  expect = {
    housing = {
      options = {
        includes = { { id = "preferential_banding" }, { id = "emergency_accommodation" }, { id = "refuge" }, { id = "sole_tenancy" } },
        excludes = { { id = "economic_abuse_debt" }, { id = "secure_tenancy_on_rehousing" } },
      },
    },
  },
}

scenario "Given economic abuse, then debt incurred through the abuse is treated case by case" {
  plugin = "east_cambridgeshire",
  source = "§7.4",
  tags = { "housing", "economic" },
  case = support.adult { behaviours = { "economic", "coercive_control" } },
  expect = { housing = { options = { includes = { id = "economic_abuse_debt" } } } },
}

scenario "Given a secure tenant who loses the tenancy because of the abuse, then the council grants another secure tenancy if it rehouses them" {
  plugin = "east_cambridgeshire",
  source = "§8.1",
  tags = { "housing", "secure_tenancy" },
  case = support.adult { victim = { tenure = "secure" } },
  expect = { housing = { secure_tenancy_on_rehousing = true, options = { includes = { id = "secure_tenancy_on_rehousing" } } } },
}

-- §8 is headed "Joint tenancies": a joint secure tenancy is a secure tenancy too.
scenario "Given a joint secure tenant who loses the tenancy because of the abuse, then the same secure tenancy option is offered" {
  plugin = "east_cambridgeshire",
  source = "§8.1",
  tags = { "housing", "secure_tenancy" },
  case = support.adult { victim = { tenure = "joint_secure" } },
  expect = { housing = { secure_tenancy_on_rehousing = true, options = { includes = { id = "secure_tenancy_on_rehousing" } } } },
}

scenario "Given a victim made homeless by the abuse, then priority need and emergency accommodation or refuge" {
  plugin = "east_cambridgeshire",
  source = "§7.5",
  tags = { "housing", "priority_need" },
  case = support.homeless {},
  expect = {
    housing = { priority_need = true, duty = "relief", options = { includes = { { id = "emergency_accommodation" }, { id = "refuge" } } } },
  },
}

scenario "Given a perpetrator, then enforcement, legal support, case-by-case allocation, rehousing and Respect are proposed" {
  plugin = "east_cambridgeshire",
  source = "§9.2, §11.3, §11.4, §11.5, §11.6, §11.8, §11.9",
  tags = { "perpetrator" },
  case = support.adult {},
  expect = {
    perpetrator = {
      includes = {
        { id = "enforcement_action", status = "proposed" },
        { id = "victim_legal_action_support", status = "proposed" },
        { id = "allocation_exclusion", status = "proposed" },
        { id = "perpetrator_housing_support", status = "proposed" },
        { id = "rehouse_perpetrator", status = "proposed" },
        { id = "respect_signposting", status = "proposed" },
      },
      excludes = { id = "identify_primary_perpetrator" },
    },
  },
}

scenario "Given counter-allegations of harm, then the council identifies the primary perpetrator with specialist agencies" {
  plugin = "east_cambridgeshire",
  source = "§11.7",
  tags = { "perpetrator", "counter_allegation" },
  case = support.adult { counter_allegation = true },
  expect = {
    perpetrator = { includes = { id = "identify_primary_perpetrator" } },
    actions = { includes = { id = "victim_not_asb_perpetrator" } },
  },
}

scenario "Given any case, then 999 for emergencies and Respect for perpetrators, and no victim helpline the policy does not print" {
  plugin = "east_cambridgeshire",
  source = "§4.6, §11.8",
  tags = { "helplines" },
  case = support.adult {},
  expect = {
    helplines = {
      any = { count = 1, includes = { number = "999", emergency = true } },
      perpetrator = { count = 1, includes = { name = "Respect Phoneline", number = "0808 802 4040" } },
      victim = is.absent,
    },
  },
}

scenario "Given immediate danger, then always call 999 first" {
  plugin = "east_cambridgeshire",
  source = "§4.6",
  tags = { "emergency" },
  case = support.adult { immediate_danger = true },
  expect = { emergency = { required = true, advice = { includes = is.matches("999") } } },
}

scenario "Given a report on a Friday, then no deadline is invented (the policy sets no time limits)" {
  plugin = "east_cambridgeshire",
  source = "§4, §7 (no time limits stated)",
  tags = { "deadlines" },
  case = support.adult { reported_at = "2025-08-22T16:30:00+01:00", property = { damage_leaves_unsafe = true } },
  expect = { deadlines = { count = 0 } },
}
