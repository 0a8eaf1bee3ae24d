import Foundation
/// A broken core invariant found in a plan.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// The invariant's number in the design (1–8), or nil for a core safety rule without a number.
    public var invariant: Int?
    /// What is wrong with the plan, e.g. "no MARAC referral at visible high risk".
    public var message: String
    /// The same as something a hook tried to do, e.g. "drop the MARAC referral at visible high risk".
    public var attempt: String

    /// Creates a violation.
    public init(invariant: Int?, message: String, attempt: String) {
        self.invariant = invariant; self.message = message; self.attempt = attempt
    }

    /// The message with the invariant's number.
    public var description: String {
        invariant.map { "\(message) (invariant \($0))" } ?? message
    }
}

/// The core invariants no policy can override, checked on a finished plan.
public enum Invariants {
    /// Whether `needle`'s bytes occur in `haystack` (a plain byte search).
    static func containsBytes(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in
            n.withUTF8 { nb in
                guard !nb.isEmpty else { return true }
                guard nb.count <= hb.count else { return false }
                let first = nb[0]
                var i = 0
                while i <= hb.count - nb.count {
                    if hb[i] == first && memcmp(hb.baseAddress! + i, nb.baseAddress!, nb.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// Every broken invariant in a plan for a case; empty when the plan is safe.
    public static func check(plan: Plan, case c: CaseFile) -> [Violation] {
        var out: [Violation] = []
        let childSafeguarding = Pipeline.needsChildSafeguarding(c, childVictims: plan.childVictims.count)

        // 1. Consent or a lawful basis the core found.
        for r in plan.referrals where r.status == .ready && r.consent != .given {
            guard let basis = r.basis else {
                out.append(Violation(invariant: 1, message: "referral to '\(r.partner)' is ready without consent or a lawful basis",
                                     attempt: "make the referral to '\(r.partner)' ready without consent or a lawful basis"))
                continue
            }
            if !basisApplies(basis, partner: r.partner, kind: r.kind, plan: plan, c: c, childSafeguarding: childSafeguarding) {
                out.append(Violation(invariant: 1, message: "referral to '\(r.partner)' relies on lawful basis '\(basis.rawValue)', which does not apply",
                                     attempt: "claim lawful basis '\(basis.rawValue)' for '\(r.partner)', which does not apply"))
            }
        }
        for r in plan.referrals where r.status == .ready && r.consent == .given {
            let recorded = c.consent.referrals[r.partner] ?? c.consent.referrals[r.kind.rawValue]
            if recorded != .given {
                out.append(Violation(invariant: 1, message: "referral to '\(r.partner)' claims consent the case does not record",
                                     attempt: "claim consent for '\(r.partner)' that the case does not record"))
            }
        }

        // 2. Nothing about the victim in what may be addressed to the perpetrator.
        let view = plan.forPerpetrator
        let victimDetails = [c.contact?.safeTimes, c.needs.interpreterLanguage, c.needs.disability].compactMap { $0 } + c.needs.other
        if !victimDetails.isEmpty {
            let words = view.actions.flatMap { [$0.id, $0.name] } + view.helplines.flatMap { [$0.name, $0.number ?? "", $0.notes ?? ""] }
            // Byte search: Foundation's String.contains goes through NSString and costs more than the rest of the check.
            if words.contains(where: { w in victimDetails.contains { !$0.isEmpty && Self.containsBytes(w, $0) } }) {
                out.append(Violation(invariant: 2, message: "the perpetrator's view of the plan contains the victim's details",
                                     attempt: "put the victim's details in output addressed to the perpetrator"))
            }
        }

        // 3. Emergency advice first.
        if c.immediateDanger && (!plan.emergency.required || plan.emergency.advice.isEmpty || plan.trace.first?.step != 1) {
            out.append(Violation(invariant: 3, message: "immediate danger without emergency advice first",
                                 attempt: "remove the emergency advice at immediate danger"))
        }

        // 4. Visible high risk means MARAC; bands never fall below the score.
        let score = c.dash?.score ?? 0
        if plan.risk.score != score {
            out.append(Violation(invariant: 4, message: "the risk score \(plan.risk.score) is not the DASH score \(score)",
                                 attempt: "change the DASH score from \(score) to \(plan.risk.score)"))
        }
        if c.dash != nil && score >= plan.risk.threshold && c.victim.age >= 16 {
            // (MARAC hears victims aged 16 and over; a younger victim at high risk goes to child protection.)
            if !plan.risk.marac || !plan.referrals.contains(where: { $0.kind == .marac && $0.status != .declined }) {
                out.append(Violation(invariant: 4, message: "no MARAC referral at visible high risk",
                                     attempt: "drop the MARAC referral at visible high risk"))
            }
        }
        if plan.risk.band < plan.risk.scoreBand {
            out.append(Violation(invariant: 4, message: "risk band \(plan.risk.band.rawValue) is below the \(plan.risk.scoreBand.rawValue) band the score gives",
                                 attempt: "lower the risk band below what the score gives"))
        }
        if c.professionalJudgement?.highRisk == true && plan.risk.band != .high {
            out.append(Violation(invariant: 4, message: "professional judgement of high risk is not reflected in the band",
                                 attempt: "lower the risk below the practitioner's judgement"))
        }

        // 5. Child victims mean a safeguarding step.
        if plan.scope.withinAct {
            let expected = c.children.filter { $0.exposed && ($0.relatedToVictim || $0.relatedToPerpetrator) }.count
            if plan.childVictims.count < expected {
                out.append(Violation(invariant: 5, message: "a child victim is missing from the plan",
                                     attempt: "drop a child victim"))
            }
        }
        if childSafeguarding && !plan.referrals.contains(where: { $0.kind == .safeguardingChildren && $0.status == .ready }) {
            out.append(Violation(invariant: 5, message: "no child safeguarding step although a child is at risk",
                                 attempt: "drop the child safeguarding step"))
        }

        // Safe contact: never an unsafe channel, and every contact step carries the arrangements.
        if plan.contact.method == .letter && c.contact?.addressSafe != true {
            out.append(Violation(invariant: nil, message: "the plan proposes a letter to an address not confirmed safe",
                                 attempt: "propose a letter to an address not confirmed safe"))
        }
        if let agreed = c.contact?.safeMethod, let method = plan.contact.method, method != agreed {
            out.append(Violation(invariant: nil, message: "the plan proposes \(method.rawValue) contact, not the \(agreed.rawValue) agreed as safe",
                                 attempt: "change the contact method from the one agreed as safe"))
        }
        if plan.referrals.contains(where: { $0.contact != plan.contact }) || plan.deadlines.contains(where: { $0.contact != plan.contact }) {
            out.append(Violation(invariant: nil, message: "a contact step does not carry the agreed safe contact arrangements",
                                 attempt: "change the safe contact arrangements on a contact step"))
        }

        // Counter-allegations: identify the primary perpetrator.
        if c.counterAllegation && !plan.perpetrator.contains(where: { $0.id == "identify_primary_perpetrator" }) {
            out.append(Violation(invariant: nil, message: "counter-allegation without a step to identify the primary perpetrator",
                                 attempt: "drop the step to identify the primary perpetrator"))
        }
        return out
    }

    /// Whether the core accepts this lawful basis for this referral.
    static func basisApplies(_ basis: LawfulBasis, partner: String, kind: ReferralKind, plan: Plan, c: CaseFile, childSafeguarding: Bool) -> Bool {
        let recorded = c.consent.lawfulBasis.contains {
            $0.basis == basis && ($0.appliesTo == nil || $0.appliesTo!.contains(partner) || $0.appliesTo!.contains(kind.rawValue))
        }
        if recorded { return true }
        switch basis {
        case .maracHighRisk: return plan.risk.marac
        case .childrenAct1989S47: return childSafeguarding
        case .mentalCapacityAct2005: return !c.victim.hasCapacity
        case .careAct2014S42, .dpa2018Safeguarding: return kind == .safeguardingAdults && plan.risk.marac
        default: return false
        }
    }
}
