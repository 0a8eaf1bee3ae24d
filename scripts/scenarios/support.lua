-- Shared case builders for the scenario suites.
--
-- Every case built here spells out every field the scenarios depend on, so
-- a scenario reads the same whatever defaults the host's `cases` builders
-- carry. Overrides are deep-merged: a list replaces the list, `dash` and
-- `professional_judgement` replace the whole object, and `support.none`
-- removes a field.
--
--   local support = require "support"   -- from any suite folder: scripts/scenarios/support.lua
--   case = support.adult { area = "Cambridgeshire", dash = { yes_count = 17 } }

local support = {}

-- Marks a field to remove from the default case.
support.none = setmetatable({}, { __name = "support.none" })

local REPLACED = { dash = true, professional_judgement = true, lawful_basis = true }

local function copy(value)
  if type(value) ~= "table" or value == support.none then
    return value
  end
  local out = {}
  for k, v in pairs(value) do
    out[k] = copy(v)
  end
  return out
end

local function is_list(t)
  return type(t) == "table" and t[1] ~= nil
end

local function merge(base, over)
  local out = copy(base)
  for k, v in pairs(over) do
    if v == support.none then
      out[k] = nil
    elseif type(v) == "table" and type(out[k]) == "table" and not is_list(v) and not is_list(out[k]) and not REPLACED[k] then
      out[k] = merge(out[k], v)
    else
      out[k] = copy(v)
    end
  end
  return out
end
support.merge = merge

-- A Tuesday morning in March (GMT): no bank holiday near it.
support.TUESDAY = "2025-03-04T10:00:00+00:00"

-- An adult victim within the Domestic Abuse Act: 34 and 36, current intimate
-- partners living together, coercive control, DASH 5 (standard risk), one
-- incident in 12 months, hand-off consent given and no referral answered yet,
-- assured tenants, not homeless, no children, no threats, safe by text only.
local ADULT = {
  id = "SCN-ADULT",
  reported_at = support.TUESDAY,
  channel = "phone",
  immediate_danger = false,
  victim = { age = 34, gender = "female", tenant = true, tenure = "assured", has_capacity = true, recourse_to_public_funds = true },
  perpetrator = { age = 36, relationship = "intimate_partner", current = true, tenant = true, lives_with_victim = true },
  behaviours = { "coercive_control", "psychological" },
  dash = { yes_count = 5 },
  incidents_12_months = 1,
  consent = { handoff = "given" },
  housing = { wishes = "undecided", homeless = false, eligible = true },
  property = { damage_leaves_unsafe = false, perpetrator_left = false, victim_left = false },
  contact = { safe_method = "text", safe_times = "weekday mornings", voicemail_safe = false, address_safe = false },
  counter_allegation = false,
}

function support.adult(overrides)
  return merge(ADULT, overrides or {})
end

-- A child: support.child(7) is exposed and related to both parties.
function support.child(age, fields)
  return merge({ age = age, related_to_victim = true, related_to_perpetrator = true, exposed = true }, fields or {})
end

-- The adult case with children in the household (a list of support.child).
function support.with_children(children, overrides)
  return merge(merge(ADULT, { children = children }), overrides or {})
end

-- Homeless because of the abuse: fled, not a tenant any more, eligible.
function support.homeless(overrides)
  return merge(merge(ADULT, {
    channel = "homeless_presentation",
    victim = { tenant = false, tenure = "none" },
    perpetrator = { lives_with_victim = false },
    housing = { wishes = "move", homeless = true, eligible = true },
    property = { victim_left = true },
  }), overrides or {})
end

-- DASH answers: the listed questions "yes", every other question "no".
function support.dash_yes(questions)
  local answers = {}
  for q = 1, 24 do
    answers[tostring(q)] = "no"
  end
  for _, q in ipairs(questions) do
    answers[tostring(q)] = "yes"
  end
  return { answers = answers }
end

-- A DASH with the first n questions answered yes (the rest no).
function support.dash_score(n)
  local qs = {}
  for q = 1, n do
    qs[#qs + 1] = q
  end
  return support.dash_yes(qs)
end

return support
