-- init.lua: Example Borough Council's local procedures, as a Hearth plugin (API v1).
--
-- This is the template a new council copies. Everything here is fictional.
-- Replace it section by section with what YOUR policy says, and nothing more:
--   * every list item carries `source`, the paragraph of your policy it came from
--     ("§7.1", or the heading's name if your policy has no numbers);
--   * if your policy is silent on something, leave the section empty and say so
--     in a comment: the core applies the law without your help;
--   * never invent a number: write `number = nil, placeholder = "why it is missing"`.
-- The full field reference is docs/plugin-api.md. Check your work with
--   hearth plugin check plugins/<your_id>

return {
  -- Risk: when a DASH score means visible high risk, and how risk is banded.
  risk = {
    marac_threshold = 14,               -- or { default = 14, by_area = { northshire = 17 } }
    bands = { medium = 10 },            -- lowest "medium" score; below is standard, threshold and above is high
    escalation = { incidents = 3, window_months = 12 }, -- nil if your policy has no such rule
    repeat_window_months = 12,          -- a new incident within this many months of the last MARAC is a repeat
    source = "§4.2",
  },

  -- Time limits: each is counted on the working-day calendar from the report or the consent.
  deadlines = {
    {
      id = "first_contact",
      name = "Contact the victim",
      within = { working_days = 1 },    -- or { hours = 24 } or { days = 56 }
      from = "report",                  -- or "consent"
      when = { immediate_danger = false }, -- optional: leave out if it always applies
      source = "§5.1",
    },
  },

  -- Helplines: numbers exactly as your policy prints them.
  helplines = {
    {
      name = "Police (emergency)",
      number = "999",
      audience = "any",                 -- victim | perpetrator | child | professional | any
      emergency = true,
      source = "§5.1",
    },
    {
      name = "Example Borough domestic abuse helpline",
      number = nil,                     -- fictional service: no number to give
      placeholder = "replace with the number your policy prints",
      audience = "victim",
      emergency = false,
      hours = "Monday to Friday, 9am to 5pm",
      source = "§12",
    },
    -- A number your policy prints but that no longer works keeps its printed
    -- value and gains `outdated = "why"`; the host warns about it at load.
  },

  -- Partners: who you refer to, and on what terms. `kind` comes from the list in docs/plugin-api.md.
  partners = {
    {
      id = "marac",
      name = "Example Borough MARAC",
      kind = "marac",
      when = { marac = true },          -- CONDITION: every key must hold; a list means "any of"
      consent = "not_required_high_risk", -- the core still decides whether the basis applies
      basis = "marac_high_risk",
      source = "§6.3",
    },
    {
      id = "idva",
      name = "Example Borough IDVA service",
      kind = "idva",
      when = { risk = "high" },
      consent = "required",             -- the default: ready only with recorded consent
      contact = "replace with the phone / address / web text your policy prints",
      source = "§6.3",
    },
    {
      id = "outreach_north",
      name = "North Example outreach service",
      kind = "outreach",
      area = "north example",           -- the area the partner serves
      when = { risk = { "standard", "medium" }, area = "north example" },
      consent = "required",
      source = "§6.4",
    },
    {
      id = "victims_hub",
      name = "Example Borough victims' hub",
      kind = "outreach",
      when = { risk = { "standard", "medium" } }, -- the hook below takes it off for North Example
      consent = "required",
      source = "§6.4",
    },
  },

  -- Security measures: what can be fitted, and when.
  security_measures = {
    { id = "door_chain", name = "Door chain", source = "§9" },
    {
      id = "fireproof_letterbox",
      name = "Fireproof letterbox",
      when = { threats = { "arson" } },  -- only where arson is threatened
      funded_by = "Example Borough sanctuary budget",
      source = "§9",
    },
  },

  -- Housing options: only those your policy names.
  housing_options = {
    { id = "sanctuary", name = "Sanctuary scheme (extra security to stay at home)", when = { wishes = "remain" }, source = "§8.1" },
    { id = "refuge", name = "Refuge", source = "§8.2" },
  },

  -- Perpetrator options: `guard` holds an action back until the victim is safe or has left.
  perpetrator_options = {
    {
      id = "ground_14a",
      name = "Possession under HA 1988 Ground 14A",
      when = { perpetrator_tenant = true },
      guard = "victim_left",            -- only after the victim and dependants have left
      notes = "Last resort.",
      source = "§10.2",
    },
    { id = "behaviour_change", name = "Refer to a behaviour-change programme", source = "§10.3" },
  },

  -- Closure reasons staff choose from when a case ends.
  closure_reasons = {
    { id = "support_complete", name = "Support completed", source = "§14" },
    { id = "moved_away", name = "Victim moved out of the borough", source = "§14" },
  },

  -- Retention: how long closed cases are kept.
  retention = { years = 6, after = "closure", source = "§15" },

  -- Days the organisation is closed, besides weekends and bank holidays (deadlines skip them).
  closure_days = { "2025-12-24" },

  -- Consent practice, in the policy's words; shown in plans.
  consent = {
    handoff_declined = "record the initial report, take no further action, invite them back",
    notes = "Consent is asked for each referral and can be withdrawn at any time.",
    source = "§5",
  },

  -- Hooks: only for local routing the sections above cannot express. Keep them short and
  -- pure: read `case` and `plan`, use locals only (assigning a global is an error), no io/os,
  -- and return nil or a patch: referrals, measures, housing_options, perpetrator_options,
  -- raise_risk, notes, remove_referrals (docs/plugin-api.md). Hooks run in name order.
  hooks = {
    -- North Example residents at standard or medium risk go to their own outreach
    -- service, everyone else to the victims' hub. CONDITION has no "not this area",
    -- so the data refers to both and this hook takes the hub off for North Example.
    route_by_area = function(case, plan)
      if string.lower(case.area or "") ~= "north example" then
        return nil
      end
      for _, referral in ipairs(plan.referrals or {}) do
        if referral.partner == "victims_hub" then
          return {
            remove_referrals = { "victims_hub" },
            notes = { "North Example resident: referred to the North Example outreach service" },
          }
        end
      end
      return nil
    end,
  },

  -- identification: early signs that prompt a discreet welfare check, with the count that triggers it
  -- (import scripts raise them as flags on properties). Give your policy's numbers, or a placeholder.
  identification = {
    lock_change = { count = 2, within_months = 12, source = "Example policy §7 (fictional)" },
    door_damage = { count = 3, within_months = 12, source = "Example policy §7 (fictional)" },
  },
}
