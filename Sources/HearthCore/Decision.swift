/// Decides what to do about a case under a local policy: the ten steps of the design, then the policy's hooks.
///
/// Deterministic: the same case, policy and clock give the same plan.
/// - Parameters:
///   - caseFile: a validated case.
///   - policy: the local policy (its hooks run in name order after the core's steps).
///   - now: the clock reading, recorded as `decided_at`.
///   - identity: the policy's identity, recorded in the plan when given.
/// - Returns: the plan, every element carrying its rule.
/// - Throws: `DecisionError` when a hook fails, names something unknown, or tries to break an invariant.
public func decide(_ caseFile: CaseFile, policy: LocalPolicy, now: Timestamp, identity: PolicyIdentity? = nil) throws(DecisionError) -> Plan {
    var plan = Pipeline.corePlan(caseFile, policy: policy, now: now, identity: identity)
    if !policy.hooks.isEmpty {
        plan = try Pipeline.applyHooks(policy.hooks, to: plan, caseFile: caseFile, policy: policy)
    }
    return plan
}

/// The decision pipeline's steps.
public enum Pipeline {
    static let emergencyAdvice = [
        "Call 999 now. If it is not safe to speak, call 999, listen, then press 55 when prompted (Silent Solution).",
        "If you cannot call, staff will call the police on your behalf.",
        "Move away from the perpetrator if you can do so safely, and away from rooms with weapons or no exit.",
    ]

    static func connectionDetail(_ r: Relationship) -> String {
        switch r {
        case .spouse: return "personally connected: married, now or in the past (s.2(1)(a))"
        case .civilPartner: return "personally connected: civil partners, now or in the past (s.2(1)(b))"
        case .engaged: return "personally connected: agreed to marry (s.2(1)(c))"
        case .civilPartnershipAgreement: return "personally connected: entered a civil partnership agreement (s.2(1)(d))"
        case .intimatePartner: return "personally connected: in an intimate personal relationship, now or in the past (s.2(1)(e))"
        case .sharedParent: return "personally connected: each has a parental relationship to the same child (s.2(1)(f))"
        case .relative: return "personally connected: relatives (s.2(1)(g))"
        case .none: return "not personally connected (s.2): outside the Act; still offered support and safeguarding"
        }
    }

    static let defaultMarac = Partner(id: "marac", name: "MARAC (Multi-Agency Risk Assessment Conference)", kind: .marac)
    static let defaultChildren = Partner(id: "childrens_social_care", name: "Children's social care", kind: .safeguardingChildren)
    static let defaultAdults = Partner(id: "adult_social_care", name: "Adult social care", kind: .safeguardingAdults)

    /// "MARAC criteria met: …" for each combination of criteria, built once.
    static let maracReasons: [String] = (0..<16).map { mask in
        "MARAC criteria met: " + MaracCriterion.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element.rawValue)
            .joined(separator: ", ")
    }

    static func maracReason(_ criteria: [MaracCriterion]) -> String {
        var mask = 0
        for (i, criterion) in MaracCriterion.allCases.enumerated() where criteria.contains(criterion) { mask |= 1 << i }
        return maracReasons[mask]
    }

    /// Whether a child safeguarding step is needed: a child victim, an exposed child, a victim under 18,
    /// or a perpetrator under 16 (domain §1: children always trigger safeguarding consideration).
    public static func needsChildSafeguarding(_ c: CaseFile, childVictims: Int) -> Bool {
        if childVictims > 0 || c.victim.age < 18 { return true }
        if let p = c.perpetrator.age, p < 16 { return true }
        return c.children.contains { $0.exposed }
    }

    /// The plan from the core's ten steps, before any hook runs.
    public static func corePlan(_ c: CaseFile, policy: LocalPolicy, now: Timestamp, identity: PolicyIdentity? = nil) -> Plan {
        let facts = CaseFacts(caseFile: c, areaKey: c.area?.lowercased())
        var steps = Steps()
        let emergency = steps.emergency(c)                                                  // 1
        let scope = steps.scope(c, facts: facts)                                            // 2
        let childVictims = steps.childVictims(c, facts: facts)                              // 3
        let risk = steps.risk(c, policy: policy, facts: facts)                              // 4
        let contact = contactPlan(c)
        let referrals = steps.referrals(c, policy: policy, facts: facts, risk: risk, contact: contact)  // 5
        let measures = steps.measures(policy, facts: facts)                                 // 6
        let housing = steps.housing(c, policy: policy, facts: facts)                        // 7
        let perpetrator = steps.perpetrator(c, policy: policy, facts: facts)                // 8
        let deadlines = steps.deadlines(c, policy: policy, facts: facts, contact: contact, now: now)  // 9
        let helplines = steps.helplines(policy, facts: facts)                               // 10
        if !facts.withinAct {
            steps.notes.append("Outside the Domestic Abuse Act 2021 definition: still offer support and safeguarding.")
        }
        if let consentNotes = policy.consent?.notes {
            steps.notes.append(consentNotes)
        }
        return Plan(caseId: c.id, decidedAt: now, policy: identity, emergency: emergency, scope: scope,
                    childVictims: childVictims, risk: risk, referrals: referrals, measures: measures, housing: housing,
                    perpetrator: perpetrator, actions: steps.actions, deadlines: deadlines, contact: contact,
                    helplines: helplines, notes: steps.notes, trace: steps.trace)
    }

    /// How to reach the victim safely; never proposes a channel the case marks unsafe.
    static func contactPlan(_ c: CaseFile) -> ContactPlan {
        var notes: [String] = []
        var method = c.contact?.safeMethod
        let addressSafe = c.contact?.addressSafe == true
        let voicemailSafe = c.contact?.voicemailSafe == true
        if method == nil {
            notes.append("agree the safest time, place and method of contact, asking only when the victim is alone")
        }
        if method == .letter && !addressSafe {
            method = nil
            notes.append("do not write until the address is confirmed safe; agree another method")
        }
        if method == .inPerson && !addressSafe {
            notes.append("meet away from the home, at a safe place the victim chooses")
        }
        if (method == .phone || method == .text) && !voicemailSafe {
            notes.append("do not leave voicemail")
        }
        if method == .text || method == .email {
            notes.append("keep messages neutral: nothing that reveals the abuse if read by someone else")
        }
        if let lang = c.needs.interpreterLanguage {
            notes.append("book an interpreter (\(lang)); never use family, children or the perpetrator to interpret")
        }
        if c.needs.bsl { notes.append("book a British Sign Language interpreter") }
        if let d = c.needs.disability { notes.append("plan contact around disability: \(d)") }
        for other in c.needs.other { notes.append(other) }
        return ContactPlan(method: method, times: c.contact?.safeTimes, voicemailSafe: voicemailSafe, addressSafe: addressSafe,
                           interpreterLanguage: c.needs.interpreterLanguage, bsl: c.needs.bsl, disability: c.needs.disability,
                           notes: notes, rule: "contact.safe_method")
    }

    /// A lawful basis the core finds for sharing with this partner without consent, with its reason and rule.
    static func coreBasis(partner: String, kind: ReferralKind, consentRule: PartnerConsentRule, policyBasis: String?,
                          c: CaseFile, marac: Bool, childSafeguarding: Bool) -> (LawfulBasis, String, String)? {
        if kind == .marac && marac { return (.maracHighRisk, "MARAC hears high-risk cases with or without consent", "consent.lawful_basis.marac") }
        if kind == .safeguardingChildren && childSafeguarding {
            return (.childrenAct1989S47, "protection of children (Children Act 1989 s.47)", "consent.lawful_basis.child_protection")
        }
        if kind == .safeguardingAdults && !c.victim.hasCapacity {
            return (.mentalCapacityAct2005, "the victim lacks capacity for this decision (Mental Capacity Act 2005)", "consent.lawful_basis.capacity")
        }
        if consentRule == .notRequiredHighRisk && marac {
            return (.maracHighRisk, "high risk: shared as part of the MARAC process", "consent.lawful_basis.marac")
        }
        if consentRule == .lawfulBasis, let b = policyBasis {
            if (b == "marac" || b == "marac_high_risk") && marac {
                return (.maracHighRisk, "high risk: shared as part of the MARAC process", "consent.lawful_basis.marac")
            }
            if (b == "children_act_1989_s47" || b == "child_protection") && childSafeguarding {
                return (.childrenAct1989S47, "protection of children (Children Act 1989 s.47)", "consent.lawful_basis.child_protection")
            }
            if (b == "mental_capacity_act_2005" || b == "capacity") && !c.victim.hasCapacity {
                return (.mentalCapacityAct2005, "the victim lacks capacity for this decision (Mental Capacity Act 2005)", "consent.lawful_basis.capacity")
            }
            // An adult at high risk: the policy's adult safeguarding route may share without consent to protect
            // an individual at risk (Care Act 2014 s.42; DPA 2018 Sch.1 para 18).
            if (b == "care_act_2014_s42" || b == "dpa2018_safeguarding") && marac && kind == .safeguardingAdults {
                return (LawfulBasis(rawValue: b)!, "significant risk of harm: safeguarding an adult at risk (Care Act 2014 s.42; DPA 2018 Sch.1 para 18)",
                        "consent.lawful_basis.adult_safeguarding")
            }
        }
        for r in c.consent.lawfulBasis where r.appliesTo == nil || r.appliesTo!.contains(partner) || r.appliesTo!.contains(kind.rawValue) {
            return (r.basis, "\(r.reason) (recorded by \(r.recordedBy))", "consent.lawful_basis.recorded")
        }
        return nil
    }

    static func referral(partner: Partner, kind: ReferralKind, reason: String, rule: String, c: CaseFile, facts: CaseFacts,
                         childSafeguarding: Bool, handoffRefused: Bool, contact: ContactPlan) -> Referral {
        let answer = c.consent.referrals.isEmpty ? nil : (c.consent.referrals[partner.id] ?? c.consent.referrals[kind.rawValue])
        var r = Referral(partner: partner.id, name: partner.name, kind: kind, consent: .notAsked, basis: nil, basisReason: nil,
                         basisRule: nil, status: .awaitingConsent, reason: reason, rule: rule, source: partner.source, contact: contact)
        r.placeholder = partner.placeholder
        r.outdated = partner.outdated
        switch answer {
        case .given?:
            r.consent = .given
            r.status = .ready
            return r
        case .refused?: r.consent = .refused
        case .withdrawn?: r.consent = .withdrawn
        case nil: r.consent = handoffRefused ? .refused : .notAsked
        }
        let basis = coreBasis(partner: partner.id, kind: kind, consentRule: partner.consent, policyBasis: partner.basis, c: c,
                              marac: facts.marac, childSafeguarding: childSafeguarding)
        if let (b, why, basisRule) = basis {
            r.basis = b
            r.basisReason = why
            r.basisRule = basisRule
            if answer == nil && !handoffRefused { r.consent = .notRequired }
            r.status = .ready
        } else if r.consent == .notAsked {
            r.status = .awaitingConsent
        } else {
            r.status = .declined
            if answer == nil { r.reason = reason + "; the victim declined the hand-off" }
        }
        return r
    }
}
