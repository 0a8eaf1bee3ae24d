-- Cross Keys Homes (CKH): domestic abuse policy as a Hearth plugin (API v1).
-- The policy has no numbered paragraphs, so every `source` names its heading
-- (shared/seeds/001_d86ac991e2f260f6.txt). CKH is a housing association, not a council.

return {
  -- Risk: "Process for determining the support you need" (DASH, MARAC, risk levels).
  risk = {
    -- "a DASH score of 17 (in Cambridgeshire, 14 elsewhere)", or the Neighbourhood
    -- Manager's (ASB) professional judgement (the core handles judgement).
    -- "a DASH score of 17 (in Cambridgeshire, 14 elsewhere)": the county and its districts.
    -- Peterborough is a separate unitary authority, so it takes the 14 of "elsewhere".
    marac_threshold = {
      default = 14,
      by_area = {
        cambridgeshire = 17,
        cambridge = 17,
        ["east cambridgeshire"] = 17,
        fenland = 17,
        huntingdonshire = 17,
        ["south cambridgeshire"] = 17,
      },
    },
    -- The policy names standard, medium and high risk but gives no split; 10 is
    -- the common SafeLives split (domain.md §2).
    bands = { medium = 10 },
    -- No escalation rule (incident count) is stated.
    escalation = nil,
    -- No repeat window is stated; the API default of 12 months applies.
    source = "Process for determining the support you need",
  },

  -- Time limits: a case is opened within 24 hours once the person agrees to the hand-off.
  deadlines = {
    {
      id = "open_case",
      name = "Open a case (after consent to pass the report to a Neighbourhood Manager (ASB))",
      within = { hours = 24 },
      -- "If you agree to this: ... We will also open a case within 24 hours of your report."
      from = "report",
      when = { handoff = "given" },
      source = "What happens when you disclose domestic abuse to us?",
    },
  },

  -- Helplines: the "Supporting agencies" list, in helplines.lua.
  helplines = require "helplines",

  -- Partners and pathways: "Process for determining the support you need", "What support can we offer?",
  -- "Perpetrator Management" and "Information sharing". Referrals only with consent.
  partners = {
    {
      id = "marac",
      name = "Multi-Agency Risk Assessment Conference (MARAC)",
      kind = "marac",
      when = { marac = true },
      consent = "required",
      notes = "Referral at the DASH threshold or on the Neighbourhood Manager's professional judgement. MARAC actions are updated on the OASIS database. The policy says all third-party referrals need consent; whether a lawful basis overrides that is the core's decision.",
      source = "Process for determining the support you need",
    },
    {
      id = "sasp",
      name = "Specialist Abuse Services Peterborough",
      kind = "specialist",
      area = "peterborough",
      when = { risk = "high", area = "peterborough" },
      consent = "required",
      source = "Process for determining the support you need",
    },
    {
      id = "area_high_risk_service",
      name = "Specialist domestic abuse service for the area the victim lives in",
      kind = "specialist",
      when = { risk = "high" },
      consent = "required",
      notes = "For high risk outside Peterborough; the policy names no service. The route_by_area hook removes it for Peterborough residents.",
      source = "Process for determining the support you need",
    },
    {
      id = "victims_hub",
      name = "Peterborough Victims' Hub",
      kind = "outreach",
      area = "peterborough",
      when = { risk = { "standard", "medium" }, area = "peterborough" },
      consent = "required",
      notes = "For Peterborough residents at standard or medium risk.",
      source = "Process for determining the support you need",
    },
    {
      id = "outreach_providers",
      name = "Outreach providers",
      kind = "outreach",
      when = { risk = { "standard", "medium" } },
      consent = "required",
      notes = "For standard or medium risk outside Peterborough; the policy names no provider. The route_by_area hook removes it for Peterborough residents.",
      source = "Process for determining the support you need",
    },
    {
      id = "police",
      name = "Police",
      kind = "police",
      consent = "required",
      notes = "If the abuse has not been reported, discuss it and support the person to report it if they wish.",
      source = "Process for determining the support you need",
    },
    {
      id = "children_safeguarding",
      name = "Child protection (CKH Child Protection Policy and Procedure)",
      kind = "safeguarding_children",
      when = { children = true },
      consent = "lawful_basis",
      basis = "children_act_1989_s47",
      notes = "Consider safeguarding implications for children in all cases; the Child Protection policy sets its own information-sharing rules.",
      source = "Process for determining the support you need, Information sharing",
    },
    {
      id = "adults_safeguarding",
      name = "Safeguarding adults at risk (CKH Safeguarding Adults at Risk Policy and Procedure)",
      kind = "safeguarding_adults",
      when = { has_capacity = false },
      consent = "lawful_basis",
      basis = "care_act_2014_s42",
      notes = "Consider safeguarding implications for vulnerable adults in all cases; the Safeguarding Adults at Risk policy sets its own information-sharing rules. The format has no condition for \"vulnerable adult\"; lack of capacity is the nearest.",
      source = "Process for determining the support you need, Information sharing",
    },
    {
      id = "specialist_legal_support",
      name = "Specialist services and legal support",
      kind = "legal",
      consent = "required",
      notes = "Includes help with legal advice and civil orders: non-molestation, occupation and property transfer orders.",
      source = "What support can we offer?, Perpetrator Management",
    },
    {
      id = "food_utility_support",
      name = "Food and utility support",
      kind = "other",
      consent = "required",
      notes = "The policy names no provider.",
      source = "What support can we offer?",
    },
    {
      id = "white_goods_furniture",
      name = "Support for white goods and furniture",
      kind = "other",
      consent = "required",
      notes = "The policy names no provider.",
      source = "What support can we offer?",
    },
    {
      id = "finances_benefits",
      name = "Support with finances and benefit claims",
      kind = "other",
      consent = "required",
      notes = "If required. The policy names no provider.",
      source = "What support can we offer?",
    },
  },

  -- Security: "What support can we offer?" names four target-hardening items.
  security_measures = {
    { id = "window_alarms", name = "Window alarms", source = "What support can we offer?" },
    { id = "security_lights", name = "Security lights", source = "What support can we offer?" },
    { id = "locks", name = "Locks", source = "What support can we offer?" },
    { id = "dummy_cctv", name = "Dummy CCTV", source = "What support can we offer?" },
  },

  -- Housing options: "What support can we offer?".
  housing_options = {
    {
      id = "refuge",
      name = "Access to refuge",
      source = "What support can we offer?",
    },
    {
      id = "emergency_transfer",
      name = "Transfer to another property on emergency grounds",
      notes = "Apply under the Emergency Transfer Procedure. If the survivor has to leave, advise on benefit claims, security in and around the home and the impact on other members of the household.",
      source = "What support can we offer?",
    },
    {
      id = "reciprocal",
      name = "Transfer via the Cambridgeshire domestic abuse housing reciprocal arrangement",
      notes = "For moves within Cambridgeshire that are not so urgent that refuge or temporary accommodation is needed.",
      source = "What support can we offer?",
    },
    {
      id = "joint_tenancy_change",
      name = "Changes to a joint tenancy (may require a court order)",
      notes = "A joint tenancy with the perpetrator limits the options to leave; alternative accommodation is considered case by case.",
      source = "What support can we offer?",
    },
    {
      id = "court_orders",
      name = "Remain at home under a court order (property transfer or occupation order)",
      notes = "CKH always follows such orders and the tenancy or occupation changes they set out.",
      source = "What support can we offer?",
    },
    {
      id = "homelessness_assistance",
      name = "Homelessness assistance from the local authority (priority need)",
      when = { homeless = true },
      notes = "All eligible homeless victims of domestic abuse automatically have priority need.",
      source = "What support can we offer?",
    },
  },

  -- Perpetrators: "What support can we offer?" and "Perpetrator Management".
  perpetrator_options = {
    {
      id = "action_against_perpetrator",
      name = "Action against the perpetrator",
      notes = "Led by the survivor's wishes, with good risk management.",
      source = "What support can we offer?, Perpetrator Management",
    },
    {
      id = "support_police_action",
      name = "Support police action to bring the perpetrator to justice",
      source = "Perpetrator Management",
    },
    {
      id = "multi_agency_offender_management",
      name = "Multi-agency management of offenders (MAPPA, Cambridgeshire perpetrator panel)",
      source = "Perpetrator Management",
    },
    {
      id = "civil_orders",
      name = "Civil orders: non-molestation, occupation and property transfer orders",
      notes = "Through referral to specialist services who help the survivor obtain them.",
      source = "Perpetrator Management",
    },
    {
      id = "evict_perpetrator",
      name = "Evict a perpetrator remaining in the property (Housing Act 1996)",
      guard = "victim_left",
      notes = "When the person who experienced the abuse has had to flee.",
      source = "Perpetrator Management",
    },
    {
      id = "accommodate_perpetrator_elsewhere",
      name = "Accommodate the perpetrator away from the family home",
      notes = "Exceptional: where it reduces risk, lets the family stay and supports safeguarding such as a child in need or child protection plan.",
      source = "What support can we offer?, Perpetrator Management",
    },
    {
      id = "refuse_nominations",
      name = "Refuse nominations that would place a perpetrator near someone they have abused",
      notes = "CKH Lettings screens incoming tenants with the Strategic Housing Delivery Team.",
      source = "Perpetrator Management",
    },
    {
      id = "perpetrator_programme",
      name = "Access to perpetrator programmes",
      notes = "Where available.",
      source = "Perpetrator Management",
    },
  },

  -- Closure: declining the hand-off ends with the initial report recorded and no further action.
  closure_reasons = {
    {
      id = "handoff_declined",
      name = "Hand-off declined: initial report recorded, no further action",
      source = "What happens when you disclose domestic abuse to us?",
    },
  },

  -- Retention: the policy sets no retention period.

  -- Consent practice: "What happens when you disclose domestic abuse to us?" and "Information sharing".
  consent = {
    handoff_declined = "record the initial report on the customer management system, encourage them to contact us for further support when they are ready, and take no further action at this time",
    notes = "Staff outside the Strategic Housing Delivery team ask whether the person is happy for their information to go to a Neighbourhood Manager (ASB); if so, agree the safest time and place for contact. Referrals to third-party organisations (such as Women's Aid) are made only with the survivor's consent. Cases are recorded in the restricted incident module; the safeguarding policies set separate information-sharing rules.",
    source = "What happens when you disclose domestic abuse to us?, Information sharing",
  },

  -- Hooks: local routing the data cannot express ("Peterborough or elsewhere").
  hooks = {
    -- Peterborough residents go to the Victims' Hub (standard/medium) or to
    -- Specialist Abuse Services Peterborough (high); everyone else to outreach
    -- providers or their own area's service. Data adds both; this removes the
    -- one that does not apply to a Peterborough resident.
    route_by_area = function(case, plan)
      if string.lower(case.area or "") ~= "peterborough" then
        return nil
      end
      local high = plan.risk and plan.risk.band == "high"
      local other = high and "area_high_risk_service" or "outreach_providers"
      local local_service = high and "Specialist Abuse Services Peterborough" or "the Peterborough Victims' Hub"
      for _, referral in ipairs(plan.referrals or {}) do
        if referral.partner == other then
          return {
            remove_referrals = { other },
            notes = { "Peterborough resident: referred to " .. local_service },
          }
        end
      end
      return nil
    end,
  },
}
