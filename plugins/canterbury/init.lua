-- Canterbury City Council: domestic abuse policy as a Hearth plugin (API v1).
-- The policy has no numbered paragraphs, so every `source` names its heading
-- (shared/seeds/002_0302711340a3f5b7.txt). It is a statement of approach: it names
-- no risk tool, time limit, security measure or closure rule, so those sections are short.

return {
  -- Risk: the policy names no risk checklist, MARAC, threshold, bands or escalation rule.
  risk = {
    -- Not a local rule: 14 is the national DASH threshold the core applies for
    -- visible high risk (domain.md §2), set so the plan can band risk at all.
    -- The policy only says it follows multi-agency guidance.
    marac_threshold = 14,
    escalation = nil,
    source = "Multi-agency partnerships",
  },

  -- Time limits: none. The "up to 28 days" of a protection notice is the policy's
  -- description of the law, not a deadline for the council (see perpetrator_options).
  deadlines = {},

  -- Helplines: perpetrator support numbers, as printed.
  helplines = {
    {
      name = "Respect Helpline",
      number = "0808 802 4040",
      audience = "perpetrator",
      emergency = false,
      notes = "Confidential support for perpetrators who wish to change their behaviour.",
      source = "Policy scope and objectives, Enforcement and holding perpetrators to account",
    },
    {
      name = "East Kent male domestic abuse programme",
      number = "07955 039 703",
      audience = "perpetrator",
      emergency = false,
      notes = "For perpetrators who wish to change their behaviour.",
      source = "Enforcement and holding perpetrators to account",
    },
  },

  -- Partners and pathways: "Equality, diversity and inclusion considerations" and "Multi-agency partnerships".
  partners = {
    {
      id = "rising_sun",
      name = "Rising Sun domestic abuse service",
      kind = "specialist",
      consent = "required",
      notes = "A cross-sector partnership for victim support.",
      source = "Equality, diversity and inclusion considerations",
    },
    {
      id = "clarion",
      name = "Clarion",
      kind = "specialist",
      consent = "required",
      notes = "A cross-sector partnership for victim support.",
      source = "Equality, diversity and inclusion considerations",
    },
    {
      id = "police",
      name = "Police",
      kind = "police",
      consent = "required",
      notes = "The Crime and Disorder Act 1998 authorises disclosure to relevant authorities to reduce crime and disorder and protect a vulnerable person (Linked policies).",
      source = "Multi-agency partnerships, Linked policies",
    },
    {
      id = "children_social_care",
      name = "Children's social care",
      kind = "safeguarding_children",
      when = { children = true },
      consent = "lawful_basis",
      basis = "children_act_1989_s47",
      notes = "Information is shared under the duty of care where a risk to children is evident. The policy says a child is a victim if they see, hear or experience the effects of the abuse \"or are related to\" the survivor or perpetrator; that is the council's wording, and the core follows the Act (both conditions, s.3).",
      source = "Multi-agency partnerships, Domestic abuse definition",
    },
    {
      id = "adult_safeguarding",
      name = "Adult safeguarding (council Safeguarding Policy)",
      kind = "safeguarding_adults",
      when = { risk = "high" },
      consent = "lawful_basis",
      basis = "care_act_2014_s42",
      notes = "Where there is a significant risk of harm the Safeguarding Policy is followed; the Care Act 2014 gives a legal duty to share where there are serious concerns about a person's health or safety. High risk is the nearest condition the format offers.",
      source = "Multi-agency partnerships, Linked policies",
    },
    {
      id = "health",
      name = "Health",
      kind = "other",
      consent = "required",
      source = "Multi-agency partnerships",
    },
  },

  -- Security: the policy names no security measures.
  security_measures = {},

  -- Housing options: the Housing team's advice to tenants, leaseholders, clients and residents.
  housing_options = {
    {
      id = "housing_team_advice",
      name = "Advice, support and practical help from the Housing team",
      notes = "Do not make any immediate decisions, such as giving up your tenancy, until you have received advice.",
      source = "If you're a council tenant or leaseholder, a client or a resident in the district",
    },
  },

  -- Perpetrators: "Enforcement and holding perpetrators to account" and "The Domestic Abuse Act 2021".
  perpetrator_options = {
    {
      id = "behaviour_change_support",
      name = "Encourage support to stop abusive behaviour (Respect Helpline, East Kent male domestic abuse programme)",
      notes = "At the earliest opportunity. Approach follows DAHA's Perpetrator Management toolkit.",
      source = "Enforcement and holding perpetrators to account",
    },
    {
      id = "escalate_early_intervention",
      name = "Escalate early intervention",
      notes = "When a perpetrator refuses help and support but continues the abusive behaviour.",
      source = "Enforcement and holding perpetrators to account",
    },
    {
      id = "tenancy_legal_action",
      name = "Legal action for breach of a council tenancy agreement",
      when = { perpetrator_tenant = true },
      notes = "When the perpetrator refuses help and continues the abuse. The safety of victims, survivors and their children is central; not every victim wants enforcement action, so manage risk with them.",
      source = "Enforcement and holding perpetrators to account, If you're a council tenant or leaseholder, a client or a resident in the district",
    },
    {
      id = "protection_notice_order",
      name = "Domestic Abuse Protection Notice or Order",
      notes = "The policy says a notice protects a victim \"for up to 28 days\"; that is the council's wording (the old DVPO), not a rule the plugin applies.",
      source = "The Domestic Abuse Act 2021",
    },
  },

  -- Closure reasons: the policy names none.
  closure_reasons = {},

  -- Retention: the policy sets no retention period.

  -- Consent practice: "Multi-agency partnerships" and the legal duties under "Linked policies".
  consent = {
    notes = "Consent is always sought from the victim and survivor, but where there is a significant risk of harm the Safeguarding Policy is followed. Information is shared with the victim's consent, sometimes without it in certain circumstances, and under the duty of care where a safeguarding risk to children or vulnerable adults is evident. Always consider the person's ability to consent under the Mental Capacity Act 2005, and explore the inherent jurisdiction if capacity is limited by significant control and coercion. Tell the victim what the council will do with their data.",
    source = "Multi-agency partnerships, Linked policies",
  },
}
