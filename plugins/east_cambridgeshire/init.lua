-- East Cambridgeshire District Council: domestic abuse policy as a Hearth plugin (API v1).
-- Every item cites the paragraph of the policy it comes from (shared/seeds/000_62a9becae86bd4f9.txt).
-- The council holds no housing stock of its own in this policy: it advises, refers,
-- funds security through its Safe at Home budget and allocates through Home-Link.

return {
  -- Risk: the policy names DASH (§7.2, §11.2) and MARAC (§5.6) but prints no score.
  risk = {
    -- No local number is given; 14 is the SafeLives DASH threshold that a MARAC
    -- referral under §5.6 implies (domain.md §2).
    marac_threshold = 14,
    -- No bands are named, so none are set here.
    -- No escalation rule is stated (no incident count), so none is set.
    escalation = nil,
    -- No repeat window is stated; the API default of 12 months applies.
    source = "§5.6, §7.2, §11.2",
  },

  -- Time limits: the policy sets none (no contact, case or repair times).
  deadlines = {},

  -- Helplines: only the emergency number is printed; Respect is named without a number.
  helplines = {
    {
      name = "Police (emergency)",
      number = "999",
      audience = "any",
      emergency = true,
      notes = "In an emergency, always call 999. The council encourages victims and witnesses to report abuse to the police.",
      source = "§4.6",
    },
    {
      name = "Respect Phoneline",
      number = "0808 802 4040",
      audience = "perpetrator",
      emergency = false,
      notes = "The policy signposts perpetrators to Respect without printing a number; this is the Respect Phoneline's published number (domain.md §6).",
      source = "§11.8",
    },
  },

  -- Partners and pathways: §5.3 lists partners, §4.5-4.7, §7.7, §9.2 and §10.2 name referrals.
  -- Consent (§6.1): share only with consent, or for the protection of children,
  -- when required by law, or to protect a person without capacity.
  partners = {
    {
      id = "police",
      name = "Cambridgeshire Constabulary",
      kind = "police",
      consent = "required",
      notes = "Encourage reporting, but do not assume the person wants the police involved (§11.1).",
      source = "§4.6, §5.3, §11.1",
    },
    {
      id = "idva",
      name = "Independent Domestic Violence Advisory (IDVA) Service",
      kind = "idva",
      consent = "required",
      notes = "Seek specialist advice where there are concerns (§7.7, §11.2) and on decisions about the tenancy (§8.3), to make sure safety planning is in place.",
      source = "§5.3, §7.7, §8.3, §11.2",
    },
    {
      id = "marac",
      name = "Multi Agency Risk Assessment Conference (MARAC)",
      kind = "marac",
      when = { marac = true },
      consent = "required",
      notes = "The policy lists MARAC among its partnership groups; it does not say MARAC may hear a case without consent. Whether a lawful basis overrides consent is the core's decision.",
      source = "§5.6",
    },
    {
      id = "specialist_da_services",
      name = "Specialist domestic abuse support agencies",
      kind = "specialist",
      consent = "required",
      source = "§4.5, §5.3",
    },
    {
      id = "freedom_programme",
      name = "Freedom Programme",
      kind = "other",
      consent = "required",
      notes = "A course for victims and survivors on the attitudes and beliefs behind abusive behaviour.",
      source = "§4.7",
    },
    {
      id = "legal_advice",
      name = "Legal advisory services",
      kind = "legal",
      consent = "required",
      notes = "Advice on options, and support when taking legal action against the perpetrator (§9.2).",
      source = "§5.3, §9.2",
    },
    {
      id = "victim_support_services",
      name = "Victim support services",
      kind = "other",
      consent = "required",
      source = "§5.3",
    },
    {
      id = "adult_safeguarding",
      name = "Cambridgeshire County Council Adult Safeguarding",
      kind = "safeguarding_adults",
      contact = "www.cambridgeshire.gov.uk/residents/adults/keeping-safe/adult-safeguarding-and-mental-capacity/adult-safeguarding",
      when = { has_capacity = false },
      consent = "lawful_basis",
      basis = "mental_capacity_act_2005",
      notes = "Reports are investigated under the County Council's Adult Safeguarding Policy (§1.5, §4.3, §9.1). Sharing without consent is allowed only for legal reasons to protect a person without capacity (§6.1); the person's wishes cannot undermine the council's legal duty to act (§6.2).",
      source = "§1.5, §4.3, §6.1, §9.1",
    },
    {
      id = "social_care_children",
      name = "Social care (children)",
      kind = "safeguarding_children",
      when = { children = true },
      consent = "lawful_basis",
      basis = "children_act_1989_s47",
      notes = "Follow the council's Child and Adults at Risk Safeguarding Policy (§1.6). Information may be shared without consent for the protection of children (§6.1).",
      source = "§1.6, §5.3, §6.1",
    },
    {
      id = "education",
      name = "Education",
      kind = "other",
      when = { children = true },
      consent = "required",
      source = "§5.3",
    },
    {
      id = "learning_disabilities_partnership",
      name = "Learning Disabilities Partnership (LDP)",
      kind = "other",
      consent = "required",
      notes = "Where the person has a learning disability.",
      source = "§5.3",
    },
    {
      id = "gypsy_traveller_liaison",
      name = "Gypsy Traveller Liaison Officer(s)",
      kind = "other",
      consent = "required",
      notes = "Where required.",
      source = "§5.3",
    },
    {
      id = "housing_partners",
      name = "Other housing partners",
      kind = "housing_options",
      consent = "required",
      notes = "Information sharing and consent as in section 6.",
      source = "§5.3, §6",
    },
    {
      id = "locks_24_7",
      name = "24/7 locks",
      kind = "other",
      consent = "required",
      notes = "An initiative that can provide help with security, alongside the Safe at Home budget.",
      source = "§10.2",
    },
  },

  -- Security: §7.6 and §10.1 offer extra security through the Safe at Home budget; no items are listed.
  security_measures = {
    {
      id = "safe_at_home_security",
      name = "Additional home security (Safe at Home budget)",
      when = { wishes = "remain" },
      funded_by = "Safe at Home budget",
      notes = "May be available, in some circumstances, to those wishing to remain in their own home. The policy does not list the measures.",
      source = "§7.6, §10.1",
    },
  },

  -- Housing options: §7 (Whole Housing Approach) and §8 (joint tenancies).
  housing_options = {
    {
      id = "safe_at_home",
      name = "Stay at home with extra security (Safe at Home)",
      when = { wishes = "remain" },
      source = "§7.1, §7.6",
    },
    {
      id = "preferential_banding",
      name = "Preferential banding on the housing register under the Lettings Policy",
      notes = "Victims of harassment, violence or abuse may get preferential banding (Lettings Policy, www.eastcambs.gov.uk).",
      source = "§7.4",
    },
    {
      id = "economic_abuse_debt",
      name = "Case-by-case approach to debt incurred as a result of abuse",
      when = { behaviours = { "economic" } },
      notes = "The Lettings Policy recognises the impact of economic control on a person's finances.",
      source = "§7.4",
    },
    {
      id = "emergency_accommodation",
      name = "Emergency accommodation",
      source = "§7.5",
    },
    {
      id = "refuge",
      name = "Refuge",
      source = "§7.5",
    },
    {
      id = "rent_deposit_scheme",
      name = "Rent Deposit Scheme and other financial help to relocate",
      notes = "May be available to people wishing to relocate.",
      source = "§7.6",
    },
    {
      id = "secure_tenancy_on_rehousing",
      name = "A new secure tenancy when the council rehouses a victim who lost a secure tenancy because of the abuse",
      when = { tenure = { "secure", "joint_secure" } },
      notes = "Domestic Abuse Act 2021 duty on local authorities.",
      source = "§8.1",
    },
    {
      id = "sole_tenancy",
      name = "Sole tenancy of the original property",
      notes = "Depends on the person's housing needs and whether it is safe to remain. Decided with the victim and professionals such as the IDVA service (§8.3). Advise the victim to seek advice before giving up the tenancy (§8.4).",
      source = "§8.2, §8.3, §8.4",
    },
  },

  -- Perpetrators: §11 (perpetrator management).
  perpetrator_options = {
    {
      id = "enforcement_action",
      name = "Enforcement action: report to the police or action against the tenancy",
      notes = "Where it is appropriate. Take account of the victim's wishes; do not assume they want the matter reported or the shared living arrangement ended (§11.1).",
      source = "§11.1, §11.3",
    },
    {
      id = "victim_legal_action_support",
      name = "Support the victim in taking legal action against the perpetrator",
      source = "§9.2",
    },
    {
      id = "identify_primary_perpetrator",
      name = "Identify the primary perpetrator with specialist and partner agencies",
      when = { counter_allegation = true },
      notes = "Make sure support is provided to the victim.",
      source = "§11.7",
    },
    {
      id = "allocation_exclusion",
      name = "Exclusion from Home-Link allocation based on behaviour",
      notes = "No blanket exclusion of perpetrators; decided case by case on the level of risk to associated parties (§11.5, §11.6).",
      source = "§11.5, §11.6",
    },
    {
      id = "perpetrator_housing_support",
      name = "Support the perpetrator with their housing",
      source = "§11.4",
    },
    {
      id = "rehouse_perpetrator",
      name = "Rehouse the perpetrator so the victim and children can stay in their home",
      notes = "When appropriate.",
      source = "§11.9",
    },
    {
      id = "respect_signposting",
      name = "Signpost to Respect and other specialist services",
      notes = "For perpetrators who wish to address their behaviour.",
      source = "§11.8",
    },
  },

  -- Closure reasons: the policy names none.
  closure_reasons = {},

  -- Retention: the policy sets no retention period.

  -- Consent practice: §6 and §11.1.
  consent = {
    notes = "Share with other agencies only with the consent of the person experiencing abuse, unless the information is required for the protection of children, the council is required by law to share it, or there are legal reasons to protect a person without capacity (§6.1). Decisions are proportionate and take the person's wishes into account as closely as possible, but those wishes cannot undermine the council's legal duty to act (§6.2). Do not assume the person wants the police involved or the shared living arrangement to end (§11.1).",
    source = "§6.1, §6.2, §11.1",
  },
}
