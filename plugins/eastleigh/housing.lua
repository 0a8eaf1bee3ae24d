-- Eastleigh: housing options, from staying at home safely (§8, §9) to moving (§10) and
-- homelessness help for people who are not council tenants (§10.1).

return {
  {
    id = "sanctuary",
    name = "Stay at home with the security measures of the scheme (sanctuary)",
    when = { wishes = "remain" },
    notes = "Support is not contingent on leaving home (§6). Non-tenants get advice on sanctuary schemes in their Personalised Housing Plan (§10.1).",
    source = "§6, §8, §9, §10.1",
  },
  {
    id = "sole_tenancy",
    name = "End the joint tenancy and stay: Notice to Quit, with the council keeping the victim as its tenant",
    when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
    notes = "The Housing Officer is the first point of contact. A joint tenancy may also be ended by court order; no notice is needed where a court order is already in place.",
    source = "§8",
  },
  {
    id = "temporary_accommodation",
    name = "Temporary (interim or emergency) accommodation",
    notes = "In the interim while tenancy options are resolved (§8); for applicants who are eligible, homeless and in priority need (§10); homeless because of domestic abuse means priority need and a duty to secure temporary accommodation that is safe, suitable and affordable (§10.1).",
    source = "§8, §10, §10.1",
  },
  {
    id = "refuge",
    name = "Refuge",
    source = "§8, §10",
  },
  {
    id = "secure_tenancy_on_rehousing",
    name = "A new secure tenancy when a former secure tenancy ended because of domestic abuse",
    when = { tenure = { "secure", "joint_secure" } },
    notes = "Domestic Abuse Act 2021.",
    source = "§6.1, §8, §10",
  },
  {
    id = "permanent_move",
    name = "Permanent move: referral to the Housing and Homelessness Team",
    when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
    notes = "A referral must be made when a tenant wishes to move permanently. The team checks the Housing Officer has discussed staying at home and refers to independent legal advice on the tenancy.",
    source = "§10",
  },
  {
    id = "transfer_list",
    name = "Transfer list for secure council accommodation in the borough",
    when = { tenure = { "secure", "joint_secure" } },  -- council tenants (secure tenancies), not any tenant
    notes = "Where the victim wishes to stay in the borough and it is safe to do so. Transfer may not always be possible.",
    source = "§10",
  },
  {
    id = "private_sector",
    name = "Alternative safe accommodation in the private sector",
    notes = "When a transfer to council accommodation is not possible.",
    source = "§10",
  },
  {
    id = "hampshire_homechoice",
    name = "Hampshire Homechoice",
    notes = "Tenants who wish to move to other boroughs may be helped to do so.",
    source = "§10",
  },
  {
    id = "mutual_exchange",
    name = "HomeSwapper and Mutual Exchange",
    source = "§10",
  },
  {
    id = "reciprocal",
    name = "Borough-to-borough reciprocal agreement",
    notes = "Rare: assessed case by case and depends on the other borough's cooperation.",
    source = "§10",
  },
  {
    id = "revive",
    name = "REVIVE relocation project",
    notes = "For tenants fleeing abuse: relocation to other parts of the country with other local authorities, bidding for properties set aside for people fleeing abuse (homefinderuk.org/domestic-abuse-relocation-service-revive).",
    source = "§10, Appendix",
  },
  {
    id = "homelessness_assistance",
    name = "Homelessness assistance: Housing Advisor and Personalised Housing Plan",
    when = { tenure = { "assured", "joint_assured", "private", "temporary", "none" } },  -- non-council tenants (§10.1)
    notes = "For applicants who are eligible and homeless or threatened with homelessness within 56 days. The council cannot refer someone homeless because of domestic abuse to another authority: the victim must apply there directly. Where they fled a Registered Provider home, the team works with that landlord.",
    source = "§10.1",
  },
  {
    id = "nrpf_support",
    name = "Housing team support for people with no recourse to public funds",
    when = { recourse_to_public_funds = false },
    notes = "For an adult with needs or a household with children; also immigration advice and specialist domestic abuse services.",
    source = "§10.1",
  },
}
