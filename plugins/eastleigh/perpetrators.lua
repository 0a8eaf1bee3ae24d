-- Eastleigh: holding perpetrators to account (§10.2), legal powers to protect the home (§8)
-- and counter-allegations (§6). Possession only after the victim and dependants have left.

-- §10.2: conditions common to every possession ground.
local POSSESSION_NOTES = "Last resort, only where safe and proportionate (Article 8, Human Rights Act) and only once the victim and their dependants no longer live there. Consult specialist agencies and social services first. After possession the perpetrator is deemed intentionally homeless. Ground numbers are as printed (Housing Act 1988 numbering); council secure tenancies use Housing Act 1985 grounds."

return {
  {
    id = "protection_orders",
    name = "Legal powers to keep the perpetrator from the home: Domestic Abuse Protection Notice, Domestic Abuse Protection Order, civil injunction",
    source = "§8",
  },
  {
    id = "enforcement",
    name = "Civil and criminal enforcement in partnership with the police",
    notes = "Housing Management acts only where the abuse relates to the council's housing stock and estates. Guided by specialist domestic abuse services and Legal services; proportionate, and considering any vulnerability of the perpetrator (§10.4).",
    source = "§10.2, §10.4",
  },
  {
    id = "possession_ground_7a",
    name = "Possession: mandatory ground 7A (serious offences)",
    when = { perpetrator_tenant = true },
    guard = "victim_left",
    notes = POSSESSION_NOTES,
    source = "§10.2",
  },
  {
    id = "possession_ground_14a",
    name = "Possession: discretionary ground 14A (domestic violence)",
    when = { perpetrator_tenant = true },
    guard = "victim_left",
    notes = POSSESSION_NOTES,
    source = "§10.2",
  },
  {
    id = "possession_ground_14",
    name = "Possession: discretionary ground 14 (anti-social behaviour)",
    when = { perpetrator_tenant = true },
    guard = "victim_left",
    notes = POSSESSION_NOTES,
    source = "§10.2",
  },
  {
    id = "tenancy_matters",
    name = "Contact the perpetrator about tenancy matters",
    when = { perpetrator_tenant = true },
    guard = "victim_safe",
    notes = "Only after the victim's safety issues are resolved. Never about the abuse, never about MARAC, never as a go-between.",
    source = "§10.2",
  },
  {
    id = "recharge_damage",
    name = "Recharge the perpetrator for damage caused by their violence",
    guard = "victim_safe",
    notes = "The recharge process is to be set out in the Housing Domestic Abuse Procedure.",
    source = "§10.2",
  },
  {
    id = "respect_phoneline",
    name = "Refer to the Respect Phoneline",
    notes = "When a perpetrator asks staff for help to stop their abusive behaviour.",
    source = "§10.2",
  },
  {
    id = "escalate_response",
    name = "Escalate early intervention or legal response",
    notes = "When the perpetrator refuses help but continues the abuse; proportionate even if the perpetrator has a vulnerability.",
    source = "§10.2",
  },
  {
    id = "counter_allegations",
    name = "Counter-allegations procedure",
    when = { counter_allegation = true },
    notes = "The alleged perpetrator may be the victim. Victims are not considered to have committed anti-social behaviour.",
    source = "§6, §10.2",
  },
}
