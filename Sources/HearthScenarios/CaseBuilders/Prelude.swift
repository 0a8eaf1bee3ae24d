/// The Lua that every scenario file starts with: the `cases` builders and the `is` matchers.
///
/// It runs in the scenario file's own sandbox and returns `{ cases = …, is = … }`, which the host installs as
/// read-only globals. docs/scenarios.md prints the builders so that testers can see exactly what a case holds.
public enum ScenarioPrelude {
    /// The chunk name errors in the prelude are reported under.
    public static let chunkName = "hearth/scenario-prelude.lua"

    /// The prelude's Lua source.
    public static let source = #"""
local cases = {}

-- A marker: cases.merge(base, { dash = cases.none }) removes base.dash.
cases.none = { __hearth_none = true }

local function is_none(v) return type(v) == "table" and rawget(v, "__hearth_none") == true end
local function is_list(t) return type(t) == "table" and rawget(t, 1) ~= nil end

local function copy(v)
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do out[k] = copy(x) end
  return out
end

-- Fields that hold one of several forms and are replaced as a whole, never merged.
local replaced = { dash = true, professional_judgement = true }

--- A deep copy of `base` with `overrides` merged in: tables merge field by field, a list replaces the list,
--- any other value replaces the value, and `cases.none` removes the field.
function cases.merge(base, overrides)
  if overrides ~= nil and type(overrides) ~= "table" then
    error("cases.merge: overrides must be a table, got " .. type(overrides), 2)
  end
  local out = copy(base or {})
  for k, v in pairs(overrides or {}) do
    if is_none(v) then
      out[k] = nil
    elseif type(v) == "table" and not is_list(v) and next(v) ~= nil and type(out[k]) == "table"
        and not is_list(out[k]) and not replaced[k] then
      out[k] = cases.merge(out[k], v)
    elseif type(v) == "table" and next(v) == nil and type(out[k]) == "table" and not is_list(out[k]) and next(out[k]) ~= nil then
      -- {} over a table of fields changes nothing
    else
      out[k] = copy(v)
    end
  end
  return out
end

--- The smallest valid case: an adult victim of a current intimate partner, reported by phone on
--- Tuesday 4 March 2025 at 10:00, no DASH recorded, hand-off consent given.
function cases.base(overrides)
  return cases.merge({
    id = "SCENARIO-0001",
    reported_at = "2025-03-04T10:00:00+00:00",
    channel = "phone",
    immediate_danger = false,
    victim = { age = 30, has_capacity = true },
    perpetrator = { age = 32, relationship = "intimate_partner", current = true },
    behaviours = { "coercive_control" },
    consent = { handoff = "given" },
  }, overrides)
end

--- An adult victim living with the perpetrator, an assured tenant who wants to stay, DASH 5 (standard risk),
--- safe by phone on weekday mornings, no area.
function cases.adult_victim(overrides)
  return cases.merge(cases.base {
    victim = { age = 34, gender = "female", tenant = true, tenure = "assured", has_capacity = true, recourse_to_public_funds = true },
    perpetrator = { age = 36, relationship = "intimate_partner", current = true, tenant = true, lives_with_victim = true },
    behaviours = { "physical", "coercive_control", "psychological" },
    threats = {},
    dash = { yes_count = 5 },
    incidents_12_months = 1,
    housing = { wishes = "remain", homeless = false, eligible = true },
    property = { damage_leaves_unsafe = false, perpetrator_left = false, victim_left = false },
    contact = { safe_method = "phone", safe_times = "weekday mornings", voicemail_safe = false, address_safe = false },
    needs = { bsl = false, other = {} },
  }, overrides)
end

--- adult_victim with a 7-year-old child of both, who sees and hears the abuse (a child victim under s.3).
function cases.child_in_household(overrides)
  return cases.merge(cases.adult_victim {
    perpetrator = { relationship = "shared_parent" },
    children = { { age = 7, related_to_victim = true, related_to_perpetrator = true, exposed = true } },
  }, overrides)
end

--- adult_victim who has left home and presents as homeless: no tenure, wants to move, eligible.
function cases.homeless(overrides)
  return cases.merge(cases.adult_victim {
    channel = "homeless_presentation",
    victim = { tenant = false, tenure = "none" },
    perpetrator = { current = false, lives_with_victim = false },
    housing = { wishes = "move", homeless = true, eligible = true },
    property = { victim_left = true },
    contact = { safe_method = "email", voicemail_safe = false, address_safe = false },
  }, overrides)
end

--- A 15-year-old abused by a 17-year-old partner, reported by a third party: outside the Act, child safeguarding.
function cases.under_16(overrides)
  return cases.merge(cases.base {
    channel = "third_party",
    victim = { age = 15, gender = "female" },
    perpetrator = { age = 17, relationship = "intimate_partner", current = true, lives_with_victim = false },
    behaviours = { "coercive_control", "sexual" },
    consent = { handoff = "not_asked" },
    contact = { safe_method = "via_support_worker" },
  }, overrides)
end

--- DASH answers with the listed questions answered yes and every other question no: cases.dash_yes { 1, 4, 11 }.
function cases.dash_yes(questions)
  local answers = {}
  for q = 1, 24 do answers[tostring(q)] = "no" end
  for _, q in ipairs(questions or {}) do
    if math.type(q) ~= "integer" or q < 1 or q > 24 then
      error("cases.dash_yes: questions are numbers 1 to 24, got " .. tostring(q), 2)
    end
    answers[tostring(q)] = "yes"
  end
  return { answers = answers }
end

local is = {}

--- The field is there and not null (for a list: the list is there, even if empty).
is.present = { __is = "present" }
--- The field is missing or null.
is.absent = { __is = "absent" }

local function number(v, what, name)
  if type(v) ~= "number" then error(name .. ": " .. what .. " must be a number, got " .. type(v), 3) end
  return v
end

--- A number from low to high, both included.
function is.between(low, high)
  number(low, "low", "is.between"); number(high, "high", "is.between")
  if low > high then error("is.between: low (" .. low .. ") is above high (" .. high .. ")", 2) end
  return { __is = "between", low = low, high = high }
end

--- A number at least n.
function is.at_least(n) return { __is = "between", low = number(n, "n", "is.at_least") } end
--- A number at most n.
function is.at_most(n) return { __is = "between", high = number(n, "n", "is.at_most") } end

--- Any one of the options; an option may be a value, a partial table or another matcher.
function is.one_of(options)
  if type(options) ~= "table" or not is_list(options) then
    error("is.one_of: expected a list of options, e.g. is.one_of { \"medium\", \"high\" }", 2)
  end
  return { __is = "one_of", options = options }
end

--- Every one of the matchers or partial tables.
function is.all_of(options)
  if type(options) ~= "table" or not is_list(options) then
    error("is.all_of: expected a list of matchers", 2)
  end
  return { __is = "all_of", options = options }
end

--- Anything but this value, partial table or matcher.
function is.no(expected) return { __is = "no", expected = expected } end

--- A string in which the Lua pattern is found (string.find).
function is.matches(pattern)
  if type(pattern) ~= "string" then error("is.matches: expected a Lua pattern (a string), got " .. type(pattern), 2) end
  return { __is = "matches", pattern = pattern,
           test = function(s) return type(s) == "string" and string.find(s, pattern) ~= nil end }
end

--- A string that contains the text as it is (no pattern characters).
function is.containing(text)
  if type(text) ~= "string" then error("is.containing: expected text, got " .. type(text), 2) end
  return { __is = "containing", text = text }
end

--- A value for which the function returns true; `description` says what it checks, for failure messages.
function is.satisfying(description, fn)
  if type(description) ~= "string" or type(fn) ~= "function" then
    error("is.satisfying: expected a description and a function, e.g. is.satisfying(\"even\", function(n) return n % 2 == 0 end)", 2)
  end
  return { __is = "satisfying", description = description, test = fn }
end

return { cases = cases, is = is }
"""#
}
