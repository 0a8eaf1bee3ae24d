-- Chesterfield Borough Council, Housing Service: domestic abuse policy as a Hearth plugin (API v1).
-- Every item cites its paragraph (shared/seeds/004_62deb63cf80b62e8.txt). Section 5.3 applies
-- when the victim is a tenant and 5.5 when the perpetrator is a tenant; the `when` fields say so.

return {
  -- Risk: §7.2 sends high-risk cases to MARAC; the policy prints no score, bands or escalation rule.
  risk = {
    -- No local number is given; 14 is the SafeLives DASH threshold for high risk
    -- (domain.md §2).
    marac_threshold = 14,
    -- No escalation rule (incident count) is stated.
    escalation = nil,
    -- No repeat window is stated; the API default of 12 months applies.
    source = "§7.1, §7.2",
  },

  -- Time limits: none; the policy says only "as soon as possible" (§5.1).
  deadlines = {},

  -- Helplines: the policy prints no numbers; it says to contact the police in imminent danger.
  helplines = {
    {
      name = "Police (emergency)",
      number = "999",
      audience = "any",
      emergency = true,
      notes = "If a person is in imminent danger, advise them to contact the police, or do it for them if they cannot. The policy says \"contact the police\" without printing 999.",
      source = "§5.3",
    },
  },

  -- Partners and pathways: §5.2, §5.4, §6.2, §7.1 and §7.2.
  partners = {
    {
      id = "marac",
      name = "Multi-Agency Risk Assessment Conference (MARAC)",
      kind = "marac",
      when = { marac = true },
      consent = "not_required_high_risk",
      basis = "marac_high_risk",
      notes = "Cases can be heard with or without the victim's consent. Handle MARAC information under the MARAC information sharing agreement and operating protocols (§8.1).",
      source = "§7.1, §7.2, §8.1",
    },
    {
      id = "elm_foundation",
      name = "The Elm Foundation",
      kind = "specialist",
      consent = "required",
      source = "§5.4, §7.1",
    },
    {
      id = "police",
      name = "Police",
      kind = "police",
      consent = "required",
      notes = "Potentially criminal acts are reported to the police (§8.2). Evidence for a prosecution is given only with the victim's permission, unless the law requires it (§5.5).",
      source = "§5.5, §7.1, §8.2",
    },
    {
      id = "benefits_advisor",
      name = "Benefits Advisor",
      kind = "other",
      consent = "required",
      notes = "If the victim needs support with financial issues, including debt.",
      source = "§5.4",
    },
    {
      id = "derbyshire_law_centre",
      name = "Derbyshire Law Centre",
      kind = "legal",
      consent = "required",
      notes = "Signpost for legal advice where appropriate.",
      source = "§5.4",
    },
    {
      id = "modern_slavery_team",
      name = "Derbyshire County Council specialist modern slavery team",
      kind = "other",
      -- The case format has no modern-slavery field; the policy ties it to financial exploitation, so the
      -- referral is offered (awaiting consent) when economic abuse is reported, for the caseworker to judge.
      when = { behaviours = { "economic" } },
      consent = "required",
      notes = "Modern slavery concerns go to the police and, where relevant, to this team. Financial exploitation may become modern slavery if the person is coerced to hand over control of their money for criminal exploitation.",
      source = "§5.2",
    },
    {
      id = "children_safeguarding",
      name = "Safeguarding children (council safeguarding policy and procedures)",
      kind = "safeguarding_children",
      when = { children = true },
      consent = "lawful_basis",
      basis = "children_act_1989_s47",
      notes = "Including children witnessing domestic abuse in the home. Exposure to domestic abuse is always detrimental to children (§6.1).",
      source = "§6.1, §6.2",
    },
    {
      id = "adult_safeguarding",
      name = "Safeguarding adults at risk (council safeguarding policy and procedures)",
      kind = "safeguarding_adults",
      when = { risk = "high" },
      consent = "lawful_basis",
      basis = "care_act_2014_s42",
      notes = "Where the victim is an adult at risk of serious harm who meets the Care Act definitions. The format cannot test the Care Act definition; high risk is the nearest condition.",
      source = "§6.2",
    },
  },

  -- Security: §5.3 names changing locks and fitting alarms (victim is a tenant).
  security_measures = {
    {
      id = "change_locks",
      name = "Change locks",
      when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
      notes = "Under the council's target hardening procedure (§9.1).",
      source = "§5.3",
    },
    {
      id = "alarms",
      name = "Fit alarms",
      when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
      notes = "Under the council's target hardening procedure (§9.1).",
      source = "§5.3",
    },
  },

  -- Housing options: §5.3 and §5.4 (the council as landlord) and §3.1 (Derbyshire County Council's safe accommodation).
  housing_options = {
    {
      id = "stay_at_home",
      name = "Support to stay in the home",
      when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
      notes = "A victim who decides to stay with the perpetrator is not judged and gets no lesser service; work with them to manage the risks and put safeguards in place.",
      source = "§5.3",
    },
    {
      id = "temporary_accommodation",
      name = "Temporary accommodation",
      notes = "If the victim cannot safely stay in their home.",
      source = "§5.3",
    },
    {
      id = "new_home",
      name = "Help to find a new home",
      when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
      notes = "If they need to move.",
      source = "§5.3",
    },
    {
      id = "joint_tenancy_advice",
      name = "Advice about ending a joint tenancy",
      when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
      source = "§5.3",
    },
    {
      id = "homelessness_application",
      name = "Support to make a homelessness claim",
      notes = "If this is the most appropriate course of action.",
      source = "§5.4",
    },
    {
      id = "refuge",
      name = "Refuge (Derbyshire County Council safe accommodation)",
      source = "§3.1",
    },
    {
      id = "dispersed_accommodation",
      name = "Dispersed accommodation (Derbyshire County Council safe accommodation)",
      source = "§3.1",
    },
    {
      id = "sanctuary",
      name = "Sanctuary scheme: security provision within the survivor's home (Derbyshire County Council safe accommodation)",
      when = { wishes = "remain" },
      source = "§3.1",
    },
    {
      id = "move_on_accommodation",
      name = "Move-on accommodation (Derbyshire County Council safe accommodation)",
      source = "§3.1",
    },
  },

  -- Perpetrators: §5.3 and §5.5 (perpetrator is a tenant) and §7.3. Enforcement only
  -- where it does not compromise the victim-survivor's safety (§5.5).
  perpetrator_options = {
    {
      id = "legal_powers",
      name = "Use the council's legal powers to protect the victim",
      when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
      notes = "Where appropriate.",
      source = "§5.3",
    },
    {
      id = "support_prosecution",
      name = "Support the police in prosecuting the perpetrator by providing evidence",
      -- "only ... if we have permission from the victim, unless the law makes us do so" (§5.5)
      when = { perpetrator_tenant = true, consent_given = "police" },
      guard = "victim_safe",
      notes = "Only with the victim's permission, unless the law requires it.",
      source = "§5.5",
    },
    {
      id = "temporary_exclusion",
      name = "Temporarily exclude the perpetrator from council homes",
      when = { perpetrator_tenant = true },
      guard = "victim_safe",
      notes = "Where appropriate.",
      source = "§5.5",
    },
    {
      id = "end_tenancy",
      name = "End the perpetrator's tenancy (domestic abuse is a breach of tenancy)",
      when = { perpetrator_tenant = true },
      guard = "victim_safe",
      notes = "Considered where evidence is available; keep partner agencies informed.",
      source = "§5.5",
    },
    {
      id = "end_joint_tenancy_court",
      name = "End a joint tenancy through the courts",
      when = { perpetrator_tenant = true },
      guard = "victim_left",
      notes = "Where the victim cannot return to the home because of the risk of harm.",
      source = "§5.5",
    },
    {
      id = "recharge_damage",
      name = "Charge the perpetrator for damage to the home",
      when = { perpetrator_tenant = true },
      guard = "victim_safe",
      source = "§5.5",
    },
    {
      id = "perpetrator_programme",
      name = "Refer to perpetrator intervention programmes or other support",
      notes = "Where available; signpost perpetrators who recognise and want to change their behaviour (§7.3).",
      source = "§5.5, §7.3",
    },
    {
      id = "rehouse_perpetrator",
      name = "Support the perpetrator into other accommodation to reduce the risk to the victim-survivor",
      when = { perpetrator_tenant = true },
      notes = "Where available and appropriate.",
      source = "§5.5",
    },
  },

  -- Closure reasons: the policy names none.
  closure_reasons = {},

  -- Retention: the policy sets no retention period (it defers to the Data Protection Policy, §8.2).

  -- Consent practice: §5.2, §5.5, §7.2 and §8.
  consent = {
    notes = "Share information where legally required, and record every information-sharing decision with its reasons (§8.2). MARAC can hear a case with or without the victim's consent (§7.2). Evidence to the police only with the victim's permission unless the law requires it (§5.5). Agree with the person how future contact can be made safely; offer a gender-appropriate interview at a safe place, such as away from the home (§5.2); keep the victim updated by their preferred method (§5.3).",
    source = "§5.2, §5.3, §5.5, §7.2, §8.2",
  },

  -- Potential indicators (§5.2). The policy names them but sets no thresholds.
  identification = {
    homeless_presentation = { placeholder = "the policy names this sign but gives no number", source = "§5.2" },
    property_damage = { placeholder = "the policy names this sign but gives no number (\"reports of damage to a property\")", source = "§5.2" },
    abandoned = { placeholder = "the policy names this sign but gives no number", source = "§5.2" },
    asb_complaint = { placeholder = "the policy names this sign but gives no number", source = "§5.2" },
    noise_complaint = { placeholder = "the policy names this sign but gives no number (\"noise nuisance\")", source = "§5.2" },
    neighbour_concern = { placeholder = "the policy names this sign but gives no number (\"concerns from other residents\")", source = "§5.2" },
    tenancy_visit = { placeholder = "the policy names this sign but gives no number", source = "§5.2" },
  },
}
