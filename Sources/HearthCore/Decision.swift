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

    /// Whether a child safeguarding step is needed: a child victim, an exposed child, a victim under 18,
    /// or a perpetrator under 16 (domain §1: children always trigger safeguarding consideration).
    public static func needsChildSafeguarding(_ c: CaseFile, childVictims: Int) -> Bool {
        if childVictims > 0 || c.victim.age < 18 { return true }
        if let p = c.perpetrator.age, p < 16 { return true }
        return c.children.contains { $0.exposed }
    }

    /// The plan from the core's ten steps, before any hook runs.
    public static func corePlan(_ c: CaseFile, policy: LocalPolicy, now: Timestamp, identity: PolicyIdentity? = nil) -> Plan {
        var trace: [TraceEntry] = []
        trace.reserveCapacity(24)
        var notes: [String] = []
        var actions: [ActionStep] = []
        let facts = CaseFacts(caseFile: c, areaKey: c.area?.lowercased())

        // 1. Immediate danger: emergency advice first.
        let emergency: EmergencyAdvice
        if c.immediateDanger {
            emergency = EmergencyAdvice(required: true, advice: emergencyAdvice, rule: "safety.immediate_danger")
            trace.append(TraceEntry(step: 1, rule: "safety.immediate_danger", source: "design invariant 3",
                                    detail: "someone is in immediate danger: emergency advice (999) comes before anything else"))
        } else {
            emergency = EmergencyAdvice(required: false, advice: [], rule: "safety.immediate_danger")
            trace.append(TraceEntry(step: 1, rule: "safety.immediate_danger", source: "design invariant 3",
                                    detail: "no immediate danger reported"))
        }

        // 2. Scope under the DA Act 2021.
        var reasons: [ScopeReason] = []
        let victimAge = c.victim.age
        let ageMet: Bool
        let ageDetail: String
        if victimAge < 16 {
            ageMet = false
            ageDetail = "the victim is \(victimAge): under 16, so outside the Act; routed to child safeguarding"
        } else if let p = c.perpetrator.age, p < 16 {
            ageMet = false
            ageDetail = "the perpetrator is \(p): under 16, so outside the Act; routed to child safeguarding for them and support for the victim"
        } else if c.perpetrator.age == nil {
            ageMet = true
            ageDetail = "the victim is 16 or over; the perpetrator's age is not recorded (confirm they are 16 or over)"
        } else {
            ageMet = true
            ageDetail = "both are 16 or over"
        }
        reasons.append(ScopeReason(rule: "daa2021.s1.age", met: ageMet, detail: ageDetail))
        let connected = c.perpetrator.relationship != .none
        reasons.append(ScopeReason(
            rule: "daa2021.s2.connected", met: connected,
            detail: connectionDetail(c.perpetrator.relationship)))
        let abusive = !c.behaviours.isEmpty
        reasons.append(ScopeReason(
            rule: "daa2021.s1.abusive", met: abusive,
            detail: abusive ? "abusive behaviour reported (s.1(3)); believed as disclosed"
                : "no abusive behaviour recorded yet: ask, and believe what is disclosed"))
        facts.withinAct = ageMet && connected && abusive
        if !facts.withinAct {
            reasons.append(ScopeReason(rule: "daa2021.outside_definition", met: false,
                                       detail: "outside the Act's definition: still offer support, and safeguarding where anyone is at risk"))
        }
        trace.append(TraceEntry(step: 2, rule: "daa2021.s1", source: "Domestic Abuse Act 2021 s.1–2",
                                detail: facts.withinAct ? "within the Act" : "outside the Act"))

        // 3. Children who are victims in their own right.
        var childVictims: [ChildVictim] = []
        var exposedOnly = false
        for (i, child) in c.children.enumerated() where child.exposed {
            if facts.withinAct && (child.relatedToVictim || child.relatedToPerpetrator) {
                childVictims.append(ChildVictim(
                    child: i, age: child.age, rule: "daa2021.s3.child_victim",
                    reason: child.relatedToVictim
                        ? (child.relatedToPerpetrator ? "sees, hears or experiences the effects of the abuse and is related to both parties"
                            : "sees, hears or experiences the effects of the abuse and is related to the victim")
                        : "sees, hears or experiences the effects of the abuse and is related to the perpetrator"))
            } else {
                exposedOnly = true
            }
        }
        facts.hasChildVictims = !childVictims.isEmpty
        if facts.hasChildVictims {
            trace.append(TraceEntry(step: 3, rule: "daa2021.s3.child_victim", source: "Domestic Abuse Act 2021 s.3",
                                    detail: childVictims.count == 1 ? "1 child is a victim in their own right"
                                        : "\(childVictims.count) children are victims in their own right"))
        }
        if exposedOnly {
            trace.append(TraceEntry(step: 3, rule: "safeguarding.children_exposed", source: "Children Act 1989 s.47",
                                    detail: "a child exposed to the abuse is not a victim under s.3 (not related, or outside the Act) but still gets safeguarding"))
        }
        let victimIsChild = victimAge < 18
        let childSafeguarding = Pipeline.needsChildSafeguarding(c, childVictims: childVictims.count)

        // 4. Risk.
        let threshold = policy.risk.maracThreshold.threshold(forArea: c.area)
        let score = c.dash?.score ?? 0
        var scoreBand = RiskBand.standard
        if c.dash != nil {
            if score >= threshold { scoreBand = .high } else if let m = policy.risk.bands?.medium, score >= m { scoreBand = .medium }
        }
        var criteria: [MaracCriterion] = []
        let riskSource = policy.risk.location ?? "policy.risk"
        if c.dash != nil, score >= threshold {
            criteria.append(.visibleHighRisk)
            trace.append(TraceEntry(step: 4, rule: "dash.visible_high_risk", source: policy.risk.source,
                                    detail: "DASH score \(score) is at or above the threshold \(threshold) (\(riskSource))"))
        } else {
            trace.append(TraceEntry(step: 4, rule: "dash.score", source: policy.risk.source,
                                    detail: c.dash == nil ? "no DASH checklist recorded" : "DASH score \(score), below the threshold \(threshold)"))
        }
        if let pj = c.professionalJudgement, pj.highRisk {
            criteria.append(.professionalJudgement)
            trace.append(TraceEntry(step: 4, rule: "marac.professional_judgement", source: "SafeLives MARAC criteria",
                                    detail: "professional judgement raises the risk to high"))
        } else if let pj = c.professionalJudgement, !pj.highRisk, scoreBand == .high {
            trace.append(TraceEntry(step: 4, rule: "marac.professional_judgement", source: "SafeLives MARAC criteria",
                                    detail: "professional judgement cannot lower a high score: the band stays high"))
        }
        if let e = policy.risk.escalation, let n = c.incidents12Months {
            if e.windowMonths >= 12 {
                if n >= e.incidents {
                    criteria.append(.escalation)
                    trace.append(TraceEntry(step: 4, rule: "marac.escalation", source: policy.risk.source,
                                            detail: "\(n) incidents in 12 months meets the escalation rule (\(e.incidents) in \(e.windowMonths) months)"))
                }
            } else {
                trace.append(TraceEntry(step: 4, rule: "marac.escalation", source: policy.risk.source,
                                        detail: "the escalation window is \(e.windowMonths) months but the case counts 12 months: check by hand"))
            }
        }
        if let last = c.lastMaracReferral {
            let reportDate = c.reportedAt.londonDate
            let windowEnd = last.adding(months: policy.risk.repeatWindowMonths)
            if reportDate <= windowEnd {
                criteria.append(.repeat)
                trace.append(TraceEntry(step: 4, rule: "marac.repeat", source: policy.risk.source,
                                        detail: "new incident within \(policy.risk.repeatWindowMonths) months of the last MARAC referral (\(last)): repeat referral"))
            } else {
                trace.append(TraceEntry(step: 4, rule: "marac.repeat", source: policy.risk.source,
                                        detail: "last MARAC referral (\(last)) is more than \(policy.risk.repeatWindowMonths) months ago: a new referral, not a repeat"))
            }
        }
        facts.marac = !criteria.isEmpty
        facts.band = facts.marac ? .high : scoreBand
        let risk = RiskAssessment(score: score, answered: c.dash?.answered, band: facts.band, scoreBand: scoreBand,
                                  marac: facts.marac, criteria: criteria, threshold: threshold, dashRecorded: c.dash != nil,
                                  rule: riskSource)

        // Contact: how anyone may reach the victim safely.
        let contact = contactPlan(c)

        // 5. Referrals.
        var referrals: [Referral] = []
        let handoffRefused = c.consent.handoff == .refused
        func add(_ partner: Partner, kind: ReferralKind, reason: String, rule: String) {
            if referrals.contains(where: { $0.partner == partner.id }) { return }
            referrals.append(referral(partner: partner, kind: kind, reason: reason, rule: rule, c: c, facts: facts,
                                      childSafeguarding: childSafeguarding, handoffRefused: handoffRefused, contact: contact))
        }
        func addChosen(_ chosen: Int?, fallback: Partner, kind: ReferralKind, reason: String, rule: String) {
            if let chosen { add(policy.partners[chosen], kind: kind, reason: reason, rule: rule) } else { add(fallback, kind: kind, reason: reason, rule: rule) }
        }
        func pick(_ kind: ReferralKind) -> Int? {
            policy.partners.firstIndex { $0.kind == kind && $0.serves(areaKey: facts.areaKey) && ($0.when?.holds(facts) ?? true) }
        }
        if facts.marac {
            let chosen = pick(.marac)
            let rule: String
            switch criteria[0] {
            case .visibleHighRisk: rule = "dash.visible_high_risk"
            case .professionalJudgement: rule = "marac.professional_judgement"
            case .escalation: rule = "marac.escalation"
            case .repeat: rule = "marac.repeat"
            }
            addChosen(chosen, fallback: defaultMarac, kind: .marac, reason: "MARAC criteria met: " + criteria.map(\.rawValue).joined(separator: ", "), rule: rule)
        }
        if childSafeguarding {
            let chosen = pick(.safeguardingChildren)
            let (rule, reason): (String, String)
            if facts.hasChildVictims {
                (rule, reason) = ("daa2021.s3.child_victim", "a child is a victim in their own right")
            } else if victimAge < 16 {
                (rule, reason) = ("daa2021.s1.age", "the victim is under 16: child safeguarding, not the DA Act route")
            } else if let p = c.perpetrator.age, p < 16 {
                (rule, reason) = ("daa2021.s1.age", "the person causing harm is under 16: child safeguarding for them")
            } else if victimIsChild {
                (rule, reason) = ("safeguarding.victim_under_18", "the victim is under 18: a child for safeguarding")
            } else {
                (rule, reason) = ("safeguarding.children_exposed", "a child is exposed to the abuse")
            }
            addChosen(chosen, fallback: defaultChildren, kind: .safeguardingChildren, reason: reason, rule: rule)
        }
        if !c.victim.hasCapacity {
            let chosen = pick(.safeguardingAdults)
            addChosen(chosen, fallback: defaultAdults, kind: .safeguardingAdults, reason: "the victim lacks capacity for this decision", rule: "mca2005.capacity")
        }
        for index in policy.partners.indices {
            let kind = policy.partners[index].kind
            let hasCondition = policy.partners[index].when != nil
            switch kind {
            case .marac: continue
            case .safeguardingChildren where !childSafeguarding && !hasCondition: continue
            case .safeguardingAdults where c.victim.hasCapacity && !hasCondition: continue
            default: break
            }
            guard policy.partners[index].serves(areaKey: facts.areaKey), policy.partners[index].when?.holds(facts) ?? true else { continue }
            add(policy.partners[index], kind: kind, reason: "the policy refers cases like this to this partner",
                rule: policy.partners[index].location ?? "policy.partners")
        }
        if referrals.isEmpty {
            trace.append(TraceEntry(step: 5, rule: "consent.required", source: "design invariant 1", detail: "no referrals"))
        }
        for r in referrals {
            let how: String
            switch r.status {
            case .ready: how = r.consent == .given ? ": ready, consent given" : ": ready on a lawful basis (" + (r.basis?.rawValue ?? "") + ")"
            case .awaitingConsent: how = ": awaiting consent"
            case .declined: how = ": declined, consent " + r.consent.rawValue
            }
            trace.append(TraceEntry(step: 5, rule: r.basisRule ?? "consent.required", source: r.source, detail: "referral to " + r.partner + how))
        }
        if handoffRefused {
            let text = policy.consent?.handoffDeclined
                ?? "record the initial report, take no further action now, and invite them back when they are ready"
            actions.append(ActionStep(id: "handoff_declined", text: text, rule: policy.consent?.location ?? "consent.handoff_declined"))
            trace.append(TraceEntry(step: 5, rule: "consent.handoff_declined", source: policy.consent?.source,
                                    detail: "hand-off declined: only referrals with a lawful basis go ahead"))
        }

        // 6. Safety and security measures.
        var measures: [MeasureStep] = []
        for i in policy.securityMeasures.indices where policy.securityMeasures[i].when?.holds(facts) ?? true {
            let m = policy.securityMeasures[i]
            measures.append(MeasureStep(id: m.id, name: m.name, fundedBy: m.fundedBy, notes: m.notes,
                                        rule: m.location ?? "policy.security_measures", source: m.source))
        }
        trace.append(TraceEntry(step: 6, rule: "policy.security_measures", source: nil,
                                detail: measures.isEmpty ? "no security measure applies" : "security measures chosen from the catalogue"))

        // 7. Housing.
        var options: [OptionStep] = []
        for i in policy.housingOptions.indices where policy.housingOptions[i].when?.holds(facts) ?? true {
            let o = policy.housingOptions[i]
            options.append(OptionStep(id: o.id, name: o.name, notes: o.notes, rule: o.location ?? "policy.housing_options", source: o.source))
        }
        var housingNotes: [RuleNote] = []
        let homeless = c.housing.homeless
        let priorityNeed = homeless && facts.withinAct
        var duty: HomelessnessDuty?
        if homeless {
            duty = .relief
            housingNotes.append(RuleNote(rule: "ha1996.s189b.relief", text: "homeless: the relief duty applies"))
            housingNotes.append(RuleNote(rule: "ha1996.s198.no_referral_at_risk",
                                         text: "no local-connection referral to an area where the applicant would be at risk of abuse"))
        } else if let d = c.housing.threatenedWithinDays, d <= 56 {
            duty = .prevention
            housingNotes.append(RuleNote(rule: "ha1996.s195.prevention", text: "threatened with homelessness within 56 days: the prevention duty applies"))
        }
        if priorityNeed {
            housingNotes.append(RuleNote(rule: "ha1996.s189.priority_need",
                                         text: "homeless as a result of domestic abuse: priority need (DA Act 2021 s.78)"))
            trace.append(TraceEntry(step: 7, rule: "ha1996.s189.priority_need", source: "Housing Act 1996 s.189(1)(j)", detail: "priority need"))
        }
        if c.housing.eligible == false || c.victim.recourseToPublicFunds == false {
            housingNotes.append(RuleNote(rule: "ha1996.s185.eligibility",
                                         text: "eligibility depends on immigration status: refer for specialist advice (no recourse to public funds)"))
        }
        let secure = c.victim.tenure == .secure || c.victim.tenure == .jointSecure
        if secure {
            housingNotes.append(RuleNote(rule: "daa2021.s79.secure_tenancy",
                                         text: "a council rehousing this secure tenant must grant a secure tenancy (HA 1985 s.81ZA)"))
            trace.append(TraceEntry(step: 7, rule: "daa2021.s79.secure_tenancy", source: "Domestic Abuse Act 2021 s.79", detail: "secure tenancy on rehousing"))
        }
        trace.append(TraceEntry(step: 7, rule: "policy.housing_options", source: nil,
                                detail: options.isEmpty ? "no housing option applies" : "housing options chosen from the policy"))
        let housing = HousingPlan(options: options, priorityNeed: priorityNeed, duty: duty, secureTenancyOnRehousing: secure,
                                  eligible: c.housing.eligible, notes: housingNotes)

        // 8. Perpetrator actions and their guards.
        var perpetrator: [PerpetratorAction] = []
        if c.counterAllegation {
            perpetrator.append(PerpetratorAction(
                id: "identify_primary_perpetrator", name: "Identify the primary perpetrator", status: .required,
                reason: "there is a counter-allegation", rule: "perpetrator.counter_allegation", source: "domain §6"))
        }
        if c.counterAllegation || c.channel == .asbComplaint {
            actions.append(ActionStep(
                id: "victim_not_asb_perpetrator",
                text: "do not treat the victim as the anti-social-behaviour perpetrator; pause any ASB action against them",
                rule: "perpetrator.victim_not_asb"))
        }
        actions.append(ActionStep(
            id: "no_perpetrator_contact",
            text: "do not contact the perpetrator about the abuse until the victim's safety is resolved; never act as go-between, never disclose anything about the victim",
            rule: "perpetrator.no_contact_before_safety"))
        let victimSafe = !c.immediateDanger && (c.property.victimLeft || c.property.perpetratorLeft)
        for i in policy.perpetratorOptions.indices where policy.perpetratorOptions[i].when?.holds(facts) ?? true {
            let o = policy.perpetratorOptions[i]
            var status = PerpetratorActionStatus.proposed
            var reason: String?
            switch o.guard {
            case .victimLeft? where !c.property.victimLeft:
                status = .blocked
                reason = "only after the victim and dependants have left, as a last resort"
            case .victimSafe? where !victimSafe:
                status = .blocked
                reason = "only once the victim's safety is resolved"
            default: break
            }
            perpetrator.append(PerpetratorAction(id: o.id, name: o.name, status: status, reason: reason,
                                                 rule: o.location ?? "policy.perpetrator_options", source: o.source))
        }
        trace.append(TraceEntry(step: 8, rule: "perpetrator.guards", source: "domain §6",
                                detail: "perpetrator actions with their guards; nothing about the victim is addressed to the perpetrator"))

        // 9. Deadlines.
        var deadlines: [DeadlineStep] = []
        for i in policy.deadlines.indices where policy.deadlines[i].when?.holds(facts) ?? true {
            let d = policy.deadlines[i]
            let start: Timestamp
            switch d.from {
            case .report: start = c.reportedAt
            case .consent:
                guard c.consent.handoff == .given else {
                    trace.append(TraceEntry(step: 9, rule: d.location ?? "policy.deadlines", source: d.source,
                                            detail: "'\(d.id)' counts from hand-off consent, which has not been given"))
                    continue
                }
                start = c.consent.handoffAt ?? c.reportedAt
            }
            deadlines.append(DeadlineStep(id: d.id, name: d.name, due: policy.calendar.due(from: start, within: d.within),
                                          within: d.within.words, from: d.from, rule: d.location ?? "policy.deadlines",
                                          source: d.source, contact: contact))
        }
        trace.append(TraceEntry(step: 9, rule: "calendar.working_days", source: "England and Wales bank holidays",
                                detail: "deadlines on the working-day calendar in UK local time"))

        // 10. Helplines by audience.
        var helplines: [String: [HelplineEntry]] = [:]
        for h in policy.helplines {
            if let area = h.area, area.lowercased() != facts.areaKey { continue }
            helplines[h.audience.rawValue, default: []].append(HelplineEntry(
                name: h.name, number: h.number, emergency: h.emergency, hours: h.hours, notes: h.notes,
                placeholder: h.placeholder, outdated: h.outdated, rule: h.location ?? "policy.helplines", source: h.source))
        }
        trace.append(TraceEntry(step: 10, rule: "policy.helplines", source: nil, detail: "helplines by audience"))

        if !facts.withinAct {
            notes.append("Outside the Domestic Abuse Act 2021 definition: still offer support and safeguarding.")
        }
        if let consentNotes = policy.consent?.notes {
            notes.append(consentNotes)
        }
        return Plan(caseId: c.id, decidedAt: now, policy: identity, emergency: emergency,
                    scope: Scope(withinAct: facts.withinAct, reasons: reasons), childVictims: childVictims, risk: risk,
                    referrals: referrals, measures: measures, housing: housing, perpetrator: perpetrator, actions: actions,
                    deadlines: deadlines, contact: contact, helplines: helplines, notes: notes, trace: trace)
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
        }
        for r in c.consent.lawfulBasis where r.appliesTo == nil || r.appliesTo!.contains(partner) || r.appliesTo!.contains(kind.rawValue) {
            return (r.basis, "\(r.reason) (recorded by \(r.recordedBy))", "consent.lawful_basis.recorded")
        }
        return nil
    }

    static func referral(partner: Partner, kind: ReferralKind, reason: String, rule: String, c: CaseFile, facts: CaseFacts,
                         childSafeguarding: Bool, handoffRefused: Bool, contact: ContactPlan) -> Referral {
        let answer = c.consent.referrals.isEmpty ? nil : (c.consent.referrals[partner.id] ?? c.consent.referrals[kind.rawValue])
        let basis = coreBasis(partner: partner.id, kind: kind, consentRule: partner.consent, policyBasis: partner.basis, c: c,
                              marac: facts.marac, childSafeguarding: childSafeguarding)
        var r = Referral(partner: partner.id, name: partner.name, kind: kind, consent: .notAsked, basis: nil, basisReason: nil,
                         basisRule: nil, status: .awaitingConsent, reason: reason, rule: rule, source: partner.source, contact: contact)
        switch answer {
        case .given?:
            r.consent = .given
            r.status = .ready
            return r
        case .refused?: r.consent = .refused
        case .withdrawn?: r.consent = .withdrawn
        case nil: r.consent = handoffRefused ? .refused : .notAsked
        }
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
