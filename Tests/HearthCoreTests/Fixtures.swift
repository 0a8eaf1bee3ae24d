import Foundation
@testable import HearthCore

/// Policies and cases built in Swift, with the seed policies' own numbers.
enum Fixtures {
    /// Cross Keys Homes (seed 001): MARAC at 17 in Cambridgeshire, 14 elsewhere; open a case within 24 hours of consent.
    static var crossKeys: LocalPolicy {
        LocalPolicy(
            risk: RiskPolicy(
                maracThreshold: .areas(default: 14, ["Cambridgeshire": 17]), bands: RiskBands(medium: 10),
                escalation: Escalation(incidents: 3, windowMonths: 12), repeatWindowMonths: 12, source: "§4"),
            deadlines: [
                DeadlineRule(id: "open_case", name: "Open a case", within: .hours(24), from: .consent, source: "§5"),
                DeadlineRule(id: "first_contact", name: "Contact the victim", within: .workingDays(1), source: "§7.1"),
                DeadlineRule(id: "emergency_repair", name: "Emergency repair", within: .hours(24),
                             when: Condition(damageLeavesUnsafe: true), source: "§9"),
                DeadlineRule(id: "homelessness_prevention", name: "Prevent homelessness", within: .days(56),
                             when: Condition(homeless: false, wishes: [.move]), source: "HA 1996 Part 7"),
            ],
            helplines: [
                Helpline(name: "National Domestic Abuse Helpline", number: "0808 2000 247", audience: .victim, hours: "24 hours"),
                Helpline(name: "Respect Phoneline", number: "0808 802 4040", audience: .perpetrator),
                Helpline(name: "Samaritans", number: "08457 90 90 90", audience: .any, outdated: "old Samaritans number; now 116 123"),
                Helpline(name: "Cambridgeshire IDVA service", number: "01223 000000", audience: .victim, area: "cambridgeshire"),
            ],
            partners: [
                Partner(id: "marac_cambs", name: "Cambridgeshire MARAC", kind: .marac),
                Partner(id: "idva", name: "Independent Domestic Violence Advisor service", kind: .idva,
                        when: Condition(risk: [.high]), source: "§6"),
                Partner(id: "outreach", name: "Local outreach service", kind: .outreach,
                        when: Condition(risk: [.standard, .medium]), source: "§6"),
                Partner(id: "childrens_services", name: "Children's services", kind: .safeguardingChildren),
                Partner(id: "refuge", name: "Refuge", kind: .refuge, when: Condition(wishes: [.move])),
            ],
            securityMeasures: [
                SecurityMeasure(id: "fireproof_letterbox", name: "Fireproof letterbox", when: Condition(threats: [.arson])),
                SecurityMeasure(id: "lock_change", name: "Lock change", when: Condition(perpetratorLeft: true)),
                SecurityMeasure(id: "door_chain", name: "Door chain"),
            ],
            housingOptions: [
                HousingOption(id: "sanctuary", name: "Sanctuary scheme", when: Condition(wishes: [.remain])),
                HousingOption(id: "emergency_transfer", name: "Emergency transfer", when: Condition(risk: [.high], wishes: [.move])),
                HousingOption(id: "temporary_accommodation", name: "Temporary accommodation", when: Condition(homeless: true)),
            ],
            perpetratorOptions: [
                PerpetratorOption(id: "ground_14a", name: "Possession under HA 1988 Ground 14A", guard: .victimLeft),
                PerpetratorOption(id: "respect_programme", name: "Refer to a behaviour-change programme", guard: .victimSafe),
            ],
            closureReasons: [ClosureReason(id: "support_complete", name: "Support completed")],
            retention: Retention(years: 6),
            consent: ConsentPractice(handoffDeclined: "record the initial report, take no further action, invite them back"))
    }

    /// A plain policy with the usual threshold of 14.
    static var plain: LocalPolicy {
        var p = crossKeys
        p.risk.maracThreshold = .fixed(14)
        return p
    }

    /// 2025-03-04T10:00:00+00:00, a Tuesday.
    static let tuesdayMorning = Timestamp.parse("2025-03-04T10:00:00+00:00")!

    /// A standard case: a 30-year-old reporting a former partner's coercive control by phone.
    static func standardCase(
        yes: Int = 3, area: String? = nil, victimAge: Int = 30, perpetratorAge: Int? = 32,
        relationship: Relationship = .intimatePartner, reportedAt: Timestamp = tuesdayMorning
    ) -> CaseFile {
        var answers: [Int: DashAnswer] = [:]
        for q in 1...24 { answers[q] = q <= yes ? .yes : .no }
        return CaseFile(
            id: "case-1", reportedAt: reportedAt, channel: .phone, area: area,
            victim: Victim(age: victimAge, tenant: true, tenure: .assured),
            perpetrator: Perpetrator(age: perpetratorAge, relationship: relationship, current: false),
            behaviours: [.coerciveControl, .psychological], dash: .answers(answers),
            consent: Consent(handoff: .given),
            contact: Contact(safeMethod: .phone, safeTimes: "weekdays 10:00-12:00", voicemailSafe: false, addressSafe: true))
    }

    static let now = Timestamp.parse("2025-03-04T10:05:00+00:00")!

    static func plan(_ c: CaseFile, _ policy: LocalPolicy = crossKeys) throws -> Plan {
        try decide(c, policy: policy, now: now)
    }
}

extension Plan {
    func referral(_ partner: String) -> Referral? { referrals.first { $0.partner == partner } }
    func referral(kind: ReferralKind) -> Referral? { referrals.first { $0.kind == kind } }
}
