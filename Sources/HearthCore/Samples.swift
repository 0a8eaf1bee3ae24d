/// A typical case and policy for benchmarks, examples and smoke tests. Not any real council's policy.
public enum Samples {
    /// A policy shaped like a council plugin: area thresholds, bands, escalation, deadlines, partners and catalogues.
    public static func policy() -> LocalPolicy {
        LocalPolicy(
            risk: RiskPolicy(maracThreshold: .areas(default: 14, ["cambridgeshire": 17]), bands: RiskBands(medium: 10),
                             escalation: Escalation(incidents: 3, windowMonths: 12), source: "§4"),
            deadlines: [
                DeadlineRule(id: "open_case", name: "Open a case", within: .hours(24), from: .consent, source: "§5"),
                DeadlineRule(id: "first_contact", name: "Contact the victim", within: .workingDays(1), source: "§7.1"),
                DeadlineRule(id: "emergency_repair", name: "Emergency repair", within: .hours(24),
                             when: Condition(damageLeavesUnsafe: true), source: "§9"),
            ],
            helplines: [
                Helpline(name: "National Domestic Abuse Helpline", number: "0808 2000 247", audience: .victim, hours: "24 hours"),
                Helpline(name: "Respect Phoneline", number: "0808 802 4040", audience: .perpetrator),
                Helpline(name: "Samaritans", number: "116 123", audience: .any, hours: "24 hours"),
            ],
            partners: [
                Partner(id: "marac", name: "MARAC", kind: .marac),
                Partner(id: "idva", name: "IDVA service", kind: .idva, when: Condition(risk: [.high])),
                Partner(id: "outreach", name: "Outreach service", kind: .outreach, when: Condition(risk: [.standard, .medium])),
                Partner(id: "childrens_services", name: "Children's services", kind: .safeguardingChildren),
            ],
            securityMeasures: [
                SecurityMeasure(id: "fireproof_letterbox", name: "Fireproof letterbox", when: Condition(threats: [.arson])),
                SecurityMeasure(id: "door_chain", name: "Door chain"),
            ],
            housingOptions: [
                HousingOption(id: "sanctuary", name: "Sanctuary scheme", when: Condition(wishes: [.remain])),
                HousingOption(id: "emergency_transfer", name: "Emergency transfer", when: Condition(risk: [.high], wishes: [.move])),
            ],
            perpetratorOptions: [PerpetratorOption(id: "ground_14a", name: "Possession under HA 1988 Ground 14A", guard: .victimLeft)],
            closureReasons: [ClosureReason(id: "support_complete", name: "Support completed")],
            retention: Retention(years: 6))
    }

    /// A typical case: a phone disclosure with DASH answers, one exposed child, consent to hand-off and outreach.
    public static func typicalCase() -> CaseFile {
        var answers: [Int: DashAnswer] = [:]
        for q in 1...24 { answers[q] = q <= 8 ? .yes : .no }
        return CaseFile(
            id: "sample-1", reportedAt: Timestamp.parse("2025-08-22T16:30:00+01:00")!, channel: .phone, area: "Peterborough",
            victim: Victim(age: 30, tenant: true, tenure: .assured),
            perpetrator: Perpetrator(age: 32, relationship: .intimatePartner, current: false),
            children: [Child(age: 6, relatedToVictim: true, relatedToPerpetrator: true, exposed: true)],
            behaviours: [.coerciveControl, .physical], threats: [.arson], dash: .answers(answers),
            consent: Consent(handoff: .given, referrals: ["outreach": .given]),
            housing: Housing(wishes: .remain),
            contact: Contact(safeMethod: .phone, safeTimes: "weekdays 10:00-12:00", voicemailSafe: false, addressSafe: true))
    }
}
