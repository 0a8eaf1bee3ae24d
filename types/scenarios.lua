---@meta
-- The globals of a Hearth scenario file (docs/scenarios.md), described for lua-language-server so that an editor
-- completes and checks scenario files. Hearth never loads this file: scripts/scenarios/.luarc.json points here.

---@class hearth.Scenario
---@field case table|fun(row: table): table the case (case format), or for a grid a function of the row
---@field expect table|fun(row: table): table what the plan must hold; only what it names is compared
---@field plugin? string|string[] a plugin id, a list of ids, or "*" for every plugin; default: the folder's name
---@field source? string the policy section the scenario checks
---@field tags? string[] words for `hearth test --tag`
---@field now? string|fun(row: table): string the clock, ISO 8601 with an offset; default: the case's reported_at
---@field skip? string why the scenario is skipped

---@class hearth.Grid: hearth.Scenario
---@field rows table[] one scenario per row; a row's `name` (text) names it

---Defines a scenario: `scenario "name" { case = …, expect = … }`.
---@param name string what must happen, in words close to the policy
---@return fun(fields: hearth.Scenario)
function scenario(name) end

---Defines a decision grid, one scenario per row: `grid "name" { rows = { … }, case = function(row) … end, … }`.
---@param name string
---@return fun(fields: hearth.Grid)
function grid(name) end

---Groups scenarios; their names become "name › scenario". An optional table between the name and the function
---gives every scenario in the group the same plugin, source, tags, now or skip.
---@param name string
---@param body fun()
---@overload fun(name: string, shared: { plugin?: string|string[], source?: string, tags?: string[], now?: string, skip?: string }, body: fun())
function describe(name, body) end

---@class hearth.Cases
---@field none table a marker: `cases.merge(base, { dash = cases.none })` removes `dash`
cases = {}

---A deep copy of `base` with `overrides` merged in: tables merge, lists and values replace, cases.none removes.
---@param base table
---@param overrides? table
---@return table
function cases.merge(base, overrides) end

---The smallest valid case: an adult victim of a current intimate partner, reported by phone, no DASH.
---@param overrides? table
---@return table
function cases.base(overrides) end

---An adult victim living with the perpetrator, an assured tenant, DASH 5 (standard risk), safe by phone.
---@param overrides? table
---@return table
function cases.adult_victim(overrides) end

---adult_victim with a 7-year-old child of both who sees and hears the abuse.
---@param overrides? table
---@return table
function cases.child_in_household(overrides) end

---adult_victim who has left home and presents as homeless.
---@param overrides? table
---@return table
function cases.homeless(overrides) end

---A 15-year-old abused by a 17-year-old partner, reported by a third party.
---@param overrides? table
---@return table
function cases.under_16(overrides) end

---DASH answers with these questions yes and every other no: `dash = cases.dash_yes { 1, 4, 11 }`.
---@param questions integer[]
---@return table
function cases.dash_yes(questions) end

---@class hearth.Matcher

---@class hearth.Is
---@field present hearth.Matcher the field is there and not null
---@field absent hearth.Matcher the field is missing or null
is = {}

---@param low number
---@param high number
---@return hearth.Matcher
function is.between(low, high) end
---@param n number
---@return hearth.Matcher
function is.at_least(n) end
---@param n number
---@return hearth.Matcher
function is.at_most(n) end
---@param options any[] values, partial tables or matchers
---@return hearth.Matcher
function is.one_of(options) end
---@param options any[]
---@return hearth.Matcher
function is.all_of(options) end
---@param expected any a value, partial table or matcher that must not match
---@return hearth.Matcher
function is.no(expected) end
---@param pattern string a Lua pattern
---@return hearth.Matcher
function is.matches(pattern) end
---@param text string
---@return hearth.Matcher
function is.containing(text) end
---@param description string
---@param fn fun(value: any): boolean
---@return hearth.Matcher
function is.satisfying(description, fn) end

---@class hearth.Host
---@field api integer the plugin API version
---@field host_version string
hearth = {}
