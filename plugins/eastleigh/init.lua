-- Eastleigh Borough Council, Affordable Housing Service: housing domestic abuse policy as a
-- Hearth plugin (API v1). Every item cites its section (shared/seeds/003_9e62ec3b2112e6be.txt).
-- The published text still has ??? where a name or number belongs: those items say so in
-- `placeholder` and carry no number; nothing here guesses what the council meant.
-- Housing and perpetrator options are in housing.lua and perpetrators.lua.

return {
  -- Risk: §6 and §10.5 send high-risk cases to MARAC; the policy prints no score.
  risk = {
    -- No local number is given; 14 is the SafeLives DASH threshold for "high risk"
    -- (domain.md §2). The policy names no medium band.
    marac_threshold = 14,
    -- No escalation rule (incident count) is stated.
    escalation = nil,
    -- No repeat window is stated; the API default of 12 months applies.
    source = "§6, §10.5",
  },

  -- Time limits: §7 (first contact) and §8 (emergency repairs and security adaptations).
  deadlines = {
    {
      id = "first_contact",
      name = "Contact the tenant to discuss the options available",
      within = { working_days = 1 },
      from = "report",
      when = { immediate_danger = false },
      source = "§7",
    },
    {
      id = "emergency_repair",
      name = "Emergency repair of damage that leaves the victim at risk (such as unsecured entry)",
      within = { hours = 24 },
      from = "report",
      when = { damage_leaves_unsafe = true },
      source = "§8",
    },
    {
      id = "security_adaptations",
      name = "Security adaptations once the perpetrator no longer lives at the property (emergency category)",
      within = { hours = 24 },
      from = "report",
      when = { perpetrator_left = true },
      source = "§8",
    },
  },

  -- Helplines: §7 (999), §6 (a perpetrator helpline left as ???) and §10.2 (Respect Phoneline).
  helplines = {
    {
      name = "Police (emergency)",
      number = "999",
      audience = "any",
      emergency = true,
      notes = "First find out whether there is an immediate risk of harm; call the police if necessary.",
      source = "§7",
    },
    {
      name = "Helpline for alleged perpetrators",
      number = nil,
      placeholder = "the policy prints \"the ???????helpline on 0??????\": both the helpline's name and its number are missing (§6)",
      audience = "perpetrator",
      emergency = false,
      source = "§6",
    },
    {
      name = "Respect Phoneline",
      number = "0808 802 4040",
      audience = "perpetrator",
      emergency = false,
      notes = "Staff refer perpetrators who ask for help to stop their behaviour. The policy names the Respect Phoneline without a number; this is its published number (domain.md §6).",
      source = "§10.2",
    },
  },

  -- Partners and pathways: §6, §7, §8, §9, §10, §10.1, §10.2 and §10.5.
  partners = {
    {
      id = "specialist_da_agency",
      name = "Specialist domestic abuse support agency in the borough",
      kind = "specialist",
      consent = "required",
      placeholder = "the policy prints \"such as ??????????. ??????? can be contacted on ????????\": the agency's name and number are missing (§7)",
      notes = "With their consent, all victims and survivors are referred. Without consent, give them the information to self-refer.",
      source = "§7",
    },
    {
      id = "marac",
      name = "Multi-agency Risk Assessment Conference (MARAC)",
      kind = "marac",
      when = { marac = true },
      consent = "not_required_high_risk",
      basis = "marac_high_risk",
      notes = "Notify MARAC of cases assessed as high risk of serious harm and homicide. Never tell the perpetrator they are being discussed at MARAC or what was said (§10.2).",
      source = "§6, §10.2, §10.5",
    },
    {
      id = "adult_social_care",
      name = "Adult Social Care (safeguarding team)",
      kind = "safeguarding_adults",
      when = { risk = "high" },
      consent = "lawful_basis",
      basis = "care_act_2014_s42",
      notes = "Consent is not needed where there is a safeguarding concern because a person is at risk; notify the safeguarding team of high-risk cases. Follow the service level agreement with Adult Social Care. Take care if family members are the perpetrators.",
      source = "§6, §10.5",
    },
    {
      id = "childrens_services",
      name = "Children's Services",
      kind = "safeguarding_children",
      when = { children = true },
      consent = "lawful_basis",
      basis = "children_act_1989_s47",
      notes = "Safeguarding referrals for children where appropriate; follow the service level agreement with Children's Services.",
      source = "§6, §10.5",
    },
    {
      id = "homeless_prevention",
      name = "Homeless Prevention Team (Housing Needs)",
      kind = "housing_options",
      when = { tenure = { "assured", "joint_assured", "private", "temporary", "none" } },  -- non-council tenants (§10.1)
      consent = "required",
      notes = "For people who are not council tenants and approach the council for housing help.",
      source = "§10.1",
    },
    {
      id = "independent_advocates",
      name = "Independent advocates",
      kind = "idva",
      when = { homeless = true },
      consent = "required",
      notes = "To help the victim decide whether it is safe to stay in the borough or to apply to another authority.",
      source = "§10.1",
    },
    {
      id = "legal_advice",
      name = "Independent legal advice",
      kind = "legal",
      consent = "required",
      notes = "On the tenancy, and on legal and civil remedies to keep the perpetrator out of the property, where requested.",
      source = "§8, §10, §10.1",
    },
    {
      id = "immigration_advice",
      name = "Specialist immigration solicitor",
      kind = "legal",
      when = { recourse_to_public_funds = false },
      consent = "required",
      notes = "For victims with no recourse to public funds; refer them to specialist domestic abuse services as well.",
      source = "§10.1",
    },
    {
      id = "security_contractor",
      name = "Security adaptations contractor",
      kind = "other",
      when = { perpetrator_left = true },
      consent = "required",
      placeholder = "the policy prints \"carried out by?????????\": the contractor is not named (§8)",
      notes = "Communal areas and repair works are done by the council instead.",
      source = "§8",
    },
    {
      id = "independent_living_support",
      name = "Support to regain confidence and skills to live independently",
      kind = "other",
      consent = "required",
      placeholder = "the policy prints \"assistance from ????????????????????\": the provider is not named (§9)",
      source = "§9, §10",
    },
    {
      id = "police",
      name = "Police",
      kind = "police",
      consent = "required",
      notes = "Civil and criminal enforcement in partnership with the police.",
      source = "§7, §10.2, §10.3",
    },
  },

  -- Security: §9, "the security measures available under the scheme".
  security_measures = {
    { id = "locks", name = "Change of locks and/or additional locks", source = "§9" },
    { id = "door_chain", name = "Door chain", source = "§9" },
    { id = "window_alarms", name = "Window alarms", source = "§9" },
    { id = "window_restraining_straps", name = "Window restraining straps", source = "§9" },
    { id = "secure_broken_windows", name = "Secure broken windows", source = "§9" },
    { id = "spy_hole", name = "Spy hole", source = "§9" },
    { id = "smoke_alarms", name = "Install smoke alarms and/or check existing smoke alarms", source = "§9" },
    {
      id = "fireproof_letterbox",
      name = "Fireproof letterbox",
      when = { threats = { "arson" } },
      notes = "Only if there is a threat or risk of arson.",
      source = "§9",
    },
    { id = "garden_gate_bolt", name = "Bolt to back garden gate", source = "§9" },
  },

  -- Housing options: §6.1, §8, §10 and §10.1 (housing.lua).
  housing_options = require "housing",

  -- Perpetrators: §6, §8 and §10.2 (perpetrators.lua).
  perpetrator_options = require "perpetrators",

  -- Closure: §10.5 requires the outcome and the reason for closing to be recorded, but names no reasons.
  closure_reasons = {},

  -- Retention: the policy sets no retention period (§13 points to the council's ROPA).

  -- Consent practice: §7, §10.2 and §10.5.
  consent = {
    handoff_declined = "give them the relevant information so that they may self-refer to specialist support",
    notes = "Information is shared with other agencies only with the victim's consent and under the Data Protection Act 2018, except where there is a safeguarding concern because a person is at risk. Never share information with the perpetrator, directly or indirectly. Staff do not contact the perpetrator to discuss the abuse and do not act as a go-between. Record the outcome (housing assistance, safeguarding, other referrals) and the reason for closing every case (§10.5).",
    source = "§7, §10.2, §10.5",
  },

  -- Early signs that should prompt a discreet welfare check (§6). The policy names them but sets no
  -- thresholds, so each is declared without a count: an import script's own threshold applies, with a warning.
  identification = {
    door_damage = { placeholder = "the policy names this sign but gives no number", notes = "red flag in repairs case notes: damage to doors / windows", source = "§6" },
    window_damage = { placeholder = "the policy names this sign but gives no number", notes = "red flag in repairs case notes: damage to doors / windows", source = "§6" },
    lock_change = { placeholder = "the policy names this sign but gives no number (\"frequent lock changes\")", source = "§6" },
    adaptations = { placeholder = "the policy names this sign but gives no number: any completed adaptation may prompt a welfare check", source = "§6" },
    repairs_above_average = { placeholder = "the policy names this sign but gives no number (\"higher-than-average number and cost of repairs\")", source = "§6" },
    asb_complaint = { placeholder = "the policy names this sign but gives no number", notes = "anti-social behaviour complaints that may indicate domestic abuse are investigated", source = "§6" },
    noise_complaint = { placeholder = "the policy names this sign but gives no number", source = "§6" },
  },
}
