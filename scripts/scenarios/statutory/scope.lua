-- Domestic Abuse Act 2021, s.1 and s.2: who is covered. Under every council's
-- plugin: both 16 or over, personally connected, abusive behaviour. Outside the
-- definition the person still gets help and the plan says why.

local support = require "support"

grid "s.1: a victim of 15 is outside the Act, a victim of 16 is within it" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1(2)(a)",
  tags = { "scope", "age" },
  rows = {
    { age = 15, within = false },
    { age = 16, within = true },
    { age = 17, within = true },
  },
  case = function(row)
    return support.adult { victim = { age = row.age }, perpetrator = { age = 17, relationship = "intimate_partner" } }
  end,
  expect = function(row)
    return { scope = { within_act = row.within, reasons = { includes = { rule = "daa2021.s1.age", met = row.within } } } }
  end,
}

grid "s.1: a perpetrator of 15 is outside the Act, a perpetrator of 16 is within it" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1(2)(a)",
  tags = { "scope", "age" },
  rows = {
    { age = 15, within = false },
    { age = 16, within = true },
  },
  case = function(row)
    return support.adult { victim = { age = 16 }, perpetrator = { age = row.age, relationship = "intimate_partner" } }
  end,
  expect = function(row)
    return { scope = { within_act = row.within, reasons = { includes = { rule = "daa2021.s1.age", met = row.within } } } }
  end,
}

grid "s.2: each way of being personally connected brings the case within the Act; no connection does not" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.2(1)",
  tags = { "scope", "relationship" },
  rows = {
    { relationship = "spouse", within = true, current = false },                      -- s.2(1)(a) married, now or in the past
    { relationship = "civil_partner", within = true, current = false },               -- (b) civil partners, now or in the past
    { relationship = "engaged", within = true, current = false },                     -- (c) agreed to marry, even if ended
    { relationship = "civil_partnership_agreement", within = true, current = false }, -- (d)
    { relationship = "intimate_partner", within = true, current = false },            -- (e) now or in the past
    { relationship = "shared_parent", within = true, current = false },               -- (f) parental relationship to the same child
    { relationship = "relative", within = true, current = true },                     -- (g)
    { relationship = "none", within = false, current = false },
  },
  case = function(row)
    return support.adult {
      perpetrator = { relationship = row.relationship, current = row.current, lives_with_victim = false },
    }
  end,
  expect = function(row)
    return { scope = { within_act = row.within, reasons = { includes = { rule = "daa2021.s2.connected", met = row.within } } } }
  end,
}

scenario "s.2: a victim need not live with the perpetrator (an ex-partner living elsewhere is covered)" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.2",
  tags = { "scope" },
  case = support.adult { perpetrator = { relationship = "intimate_partner", current = false, lives_with_victim = false } },
  expect = { scope = { within_act = true } },
}

grid "s.1(3): each kind of abusive behaviour on its own is enough" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1(3)",
  tags = { "scope", "behaviour" },
  rows = {
    { behaviour = "physical" },
    { behaviour = "sexual" },
    { behaviour = "violent_or_threatening" },
    { behaviour = "coercive_control" },
    { behaviour = "economic" },
    { behaviour = "psychological" },
  },
  case = function(row)
    return support.adult { behaviours = { row.behaviour } }
  end,
  expect = function()
    return { scope = { within_act = true, reasons = { includes = { rule = "daa2021.s1.abusive", met = true } } } }
  end,
}

scenario "Outside the Act (neighbour, not connected), the person still gets help and the plan says why" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1-2; domain §1",
  tags = { "scope" },
  case = support.adult { perpetrator = { relationship = "none", tenant = false, lives_with_victim = false } },
  expect = {
    scope = { within_act = false, reasons = { includes = { rule = "daa2021.outside_definition" } } },
    invariants = true,
  },
}

scenario "A 15-year-old abused by a 17-year-old boyfriend: outside the Act, routed to child safeguarding" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1(2)(a); Children Act 1989 s.47",
  tags = { "scope", "age", "children" },
  case = support.adult {
    victim = { age = 15, tenant = false, tenure = "none" },
    perpetrator = { age = 17, relationship = "intimate_partner", tenant = false, lives_with_victim = false },
  },
  expect = {
    scope = { within_act = false },
    referrals = { includes = { kind = "safeguarding_children", status = "ready" } },
  },
}

scenario "A 15-year-old at DASH 16 goes to child protection, not to the (16 and over) MARAC or adult safeguarding" {
  plugin = "*",
  source = "Domestic Abuse Act 2021 s.1(2)(a); SafeLives MARAC (victims 16 and over); Children Act 1989 s.47",
  tags = { "scope", "age", "marac" },
  case = support.adult {
    victim = { age = 15, tenant = false, tenure = "none" },
    perpetrator = { age = 17, relationship = "intimate_partner", tenant = false, lives_with_victim = false },
    dash = { yes_count = 16 },
  },
  expect = {
    scope = { within_act = false },
    referrals = {
      includes = { kind = "safeguarding_children", status = "ready" },
      excludes = { { kind = "marac" }, { kind = "safeguarding_adults" } },
    },
  },
}
