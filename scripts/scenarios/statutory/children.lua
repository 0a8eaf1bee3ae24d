-- Domestic Abuse Act 2021 s.3: children as victims in their own right, and the
-- child safeguarding step that every plugin must keep (core invariant 5).

local support = require "support"
local S3 = "Domestic Abuse Act 2021 s.3"

scenario "A child who sees the abuse and is related to the victim is a victim in their own right, with a child safeguarding step" {
  plugin = "*",
  source = S3,
  tags = { "children" },
  case = support.with_children { support.child(7, { related_to_victim = true, related_to_perpetrator = false, exposed = true }) },
  expect = {
    child_victims = { count = 1, includes = { child = 0, age = 7, rule = "daa2021.s3.child_victim" } },
    referrals = { includes = { kind = "safeguarding_children", status = "ready", basis = is.present } },
  },
}

scenario "A child related only to the perpetrator who hears the abuse is also a victim in their own right" {
  plugin = "*",
  source = S3,
  tags = { "children" },
  case = support.with_children { support.child(12, { related_to_victim = false, related_to_perpetrator = true, exposed = true }) },
  expect = {
    child_victims = { count = 1 },
    referrals = { includes = { kind = "safeguarding_children", status = "ready" } },
  },
}

scenario "A child exposed to the abuse but related to neither party is not a s.3 victim, yet still gets a child safeguarding step" {
  plugin = "*",
  source = S3 .. "; Children Act 1989 s.47",
  tags = { "children" },
  case = support.with_children { support.child(10, { related_to_victim = false, related_to_perpetrator = false, exposed = true }) },
  expect = {
    child_victims = { count = 0 },
    referrals = { includes = { kind = "safeguarding_children", status = "ready" } },
  },
}

scenario "A child related to both but not exposed is not a s.3 victim (the Act needs both, not either)" {
  plugin = "*",
  source = S3,
  tags = { "children" },
  case = support.with_children { support.child(5, { related_to_victim = true, related_to_perpetrator = true, exposed = false }) },
  expect = { child_victims = { count = 0 }, invariants = true },
}

scenario "Two children, one exposed and one not: only the exposed child is a victim" {
  plugin = "*",
  source = S3,
  tags = { "children" },
  case = support.with_children {
    support.child(4, { exposed = true }),
    support.child(11, { exposed = false }),
  },
  expect = {
    child_victims = { count = 1, includes = { child = 0, age = 4 } },
    referrals = { includes = { kind = "safeguarding_children", status = "ready" } },
  },
}

scenario "A 17-year-old child victim counts under s.3 (children are under 18)" {
  plugin = "*",
  source = S3,
  tags = { "children" },
  case = support.with_children { support.child(17) },
  expect = { child_victims = { count = 1, includes = { age = 17 } } },
}

scenario "Child safeguarding goes ahead even when the victim refuses every referral" {
  plugin = "*",
  source = "Children Act 1989 s.47; core invariant 5",
  tags = { "children", "consent" },
  case = support.with_children({ support.child(3) }, {
    consent = { handoff = "refused", referrals = { safeguarding_children = "refused" } },
  }),
  expect = { referrals = { includes = { kind = "safeguarding_children", status = "ready", basis = is.present } } },
}
