-- Cross Keys Homes: the "Supporting agencies" list, numbers exactly as printed.
-- Obsolete 0845/08457 numbers are kept and flagged; web-only services carry no
-- number and say so.

local support = require "support"
local AGENCIES = "Supporting agencies"

scenario "Given any victim, then the national helpline and the local Women's Aid numbers are given exactly as printed" {
  plugin = "cross_keys_homes",
  source = AGENCIES,
  tags = { "helplines" },
  case = support.adult { area = "Peterborough" },
  expect = {
    helplines = {
      victim = {
        includes = {
          { name = "National Domestic Violence Helpline", number = "0808 2000 247", outdated = is.absent },
          { name = "Cambridge Women's Aid", number = "01223 361214", outdated = is.absent },
          { name = "Victim and witness hub", number = "0800 781 6818" },
          { name = "The Elms Sexual Assault Referral Centre", number = "0800 193 5434" },
          { name = "Male Advice enquiry line", number = "0808 801 0327" },
          { name = "Mankind", number = "01273 911680" },
          { name = "Victim Support's male helpline", number = "0800 328 3623" },
          { name = "Galop (LGBT support)", number = "0800 999 5428" },
          { number = "0800 5999 247" },
        },
      },
      any = {
        includes = {
          { name = "Police emergency", number = "999", emergency = true },
          { name = "Police non-emergency", number = "101", emergency = false },
          { number = "0808 800 5000" },
        },
      },
      child = { includes = { number = "0800 1111" } },
    },
  },
}

scenario "Given any victim, then the withdrawn 0845 and 08457 numbers are kept as printed and flagged outdated" {
  plugin = "cross_keys_homes",
  source = AGENCIES,
  tags = { "helplines", "outdated" },
  case = support.adult { area = "Peterborough" },
  expect = {
    helplines = {
      victim = { includes = { name = "Peterborough Women's Aid", number = "08454 103 123", outdated = is.present } },
      any = {
        includes = {
          { name = "Samaritans", number = "08457 90 90 90", outdated = is.present },
          { name = "Samaritans", number = "01733 312727", outdated = is.absent },
          { name = "Respect for men helpline", number = "0845 1228609", outdated = is.present },
        },
        excludes = { number = "116 123" },
      },
    },
  },
}

scenario "Given any victim, then web-only services carry no invented number and are marked as placeholders" {
  plugin = "cross_keys_homes",
  source = AGENCIES,
  tags = { "helplines", "placeholder" },
  case = support.adult { area = "Cambridgeshire" },
  expect = {
    helplines = {
      victim = {
        includes = {
          { name = "Access to safe spaces to seek help", number = is.absent, placeholder = is.matches("uksaysnomore") },
          { name = "PEGS (adolescent to parent abuse)", number = is.absent, placeholder = is.matches("pegsupport") },
        },
      },
    },
  },
}

scenario "Given immediate danger, then emergency advice comes first and starts with 999" {
  plugin = "cross_keys_homes",
  source = AGENCIES,
  tags = { "emergency" },
  case = support.adult { area = "Peterborough", immediate_danger = true },
  expect = { emergency = { required = true, advice = { includes = is.matches("999") } } },
}
