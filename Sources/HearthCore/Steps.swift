/// The ten steps of the decision pipeline (design.md), a method per step. Each step returns its part of the plan
/// and writes what it decided, with the rule, to the trace.
struct Steps {
    var trace: [TraceEntry] = []
    var notes: [String] = []
    var actions: [ActionStep] = []
    var childSafeguarding = false

    init() { trace.reserveCapacity(24) }

    // MARK: 1. Immediate danger

    /// Emergency advice first when anyone is in immediate danger (invariant 3).
    mutating func emergency(_ c: CaseFile) -> EmergencyAdvice {
        if c.immediateDanger {
            trace.append(TraceEntry(step: 1, rule: "safety.immediate_danger", source: "design invariant 3",
                                    detail: "someone is in immediate danger: emergency advice (999) comes before anything else"))
            return EmergencyAdvice(required: true, advice: Pipeline.emergencyAdvice, rule: "safety.immediate_danger")
        }
        trace.append(TraceEntry(step: 1, rule: "safety.immediate_danger", source: "design invariant 3", detail: "no immediate danger reported"))
        return EmergencyAdvice(required: false, advice: [], rule: "safety.immediate_danger")
    }

    // MARK: 2. Scope under the DA Act 2021

    /// Both 16 or over (s.1(2)(a)), personally connected (s.2), abusive behaviour (s.1(3)).
    mutating func scope(_ c: CaseFile, facts: CaseFacts) -> Scope {
        var reasons: [ScopeReason] = []
        let ageMet: Bool
        let ageDetail: String
        if c.victim.age < 16 {
            ageMet = false
            ageDetail = "the victim is \(c.victim.age): under 16, so outside the Act; routed to child safeguarding"
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
        reasons.append(ScopeReason(rule: "daa2021.s2.connected", met: connected, detail: Pipeline.connectionDetail(c.perpetrator.relationship)))
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
        return Scope(withinAct: facts.withinAct, reasons: reasons)
    }

    // MARK: 3. Children who are victims in their own right

    /// A child who sees, hears or experiences the effects of the abuse and is related to either party (s.3).
    mutating func childVictims(_ c: CaseFile, facts: CaseFacts) -> [ChildVictim] {
        var victims: [ChildVictim] = []
        var exposedOnly = false
        for (i, child) in c.children.enumerated() where child.exposed {
            guard facts.withinAct && (child.relatedToVictim || child.relatedToPerpetrator) else {
                exposedOnly = true
                continue
            }
            let reason = child.relatedToVictim
                ? (child.relatedToPerpetrator ? "sees, hears or experiences the effects of the abuse and is related to both parties"
                    : "sees, hears or experiences the effects of the abuse and is related to the victim")
                : "sees, hears or experiences the effects of the abuse and is related to the perpetrator"
            victims.append(ChildVictim(child: i, age: child.age, rule: "daa2021.s3.child_victim", reason: reason))
        }
        facts.hasChildVictims = !victims.isEmpty
        if facts.hasChildVictims {
            trace.append(TraceEntry(step: 3, rule: "daa2021.s3.child_victim", source: "Domestic Abuse Act 2021 s.3",
                                    detail: victims.count == 1 ? "1 child is a victim in their own right"
                                        : "\(victims.count) children are victims in their own right"))
        }
        if exposedOnly {
            trace.append(TraceEntry(step: 3, rule: "safeguarding.children_exposed", source: "Children Act 1989 s.47",
                                    detail: "a child exposed to the abuse is not a victim under s.3 (not related, or outside the Act) but still gets safeguarding"))
        }
        childSafeguarding = Pipeline.needsChildSafeguarding(c, childVictims: victims.count)
        return victims
    }

    // MARK: 4. Risk

    /// DASH score and band, and the MARAC criteria: visible high risk, professional judgement, escalation, repeat.
    mutating func risk(_ c: CaseFile, policy: LocalPolicy, facts: CaseFacts) -> RiskAssessment {
        let threshold = policy.risk.maracThreshold.threshold(forArea: c.area)
        let score = c.dash?.score ?? 0
        let source = policy.risk.source
        var scoreBand = RiskBand.standard
        if c.dash != nil {
            if score >= threshold { scoreBand = .high } else if let m = policy.risk.bands?.medium, score >= m { scoreBand = .medium }
        }
        var criteria: [MaracCriterion] = []
        let riskRule = policy.risk.location ?? "policy.risk"
        if c.dash != nil, score >= threshold {
            criteria.append(.visibleHighRisk)
            trace.append(TraceEntry(step: 4, rule: "dash.visible_high_risk", source: source,
                                    detail: "DASH score \(score) is at or above the threshold \(threshold) (\(riskRule))"))
        } else {
            trace.append(TraceEntry(step: 4, rule: "dash.score", source: source,
                                    detail: c.dash == nil ? "no DASH checklist recorded" : "DASH score \(score), below the threshold \(threshold)"))
        }
        if let pj = c.professionalJudgement {
            if pj.highRisk {
                criteria.append(.professionalJudgement)
                trace.append(TraceEntry(step: 4, rule: "marac.professional_judgement", source: "SafeLives MARAC criteria",
                                        detail: "professional judgement raises the risk to high"))
            } else if scoreBand == .high {
                trace.append(TraceEntry(step: 4, rule: "marac.professional_judgement", source: "SafeLives MARAC criteria",
                                        detail: "professional judgement cannot lower a high score: the band stays high"))
            }
        }
        if let e = policy.risk.escalation, let n = c.incidents12Months {
            if e.windowMonths >= 12 {
                if n >= e.incidents {
                    criteria.append(.escalation)
                    trace.append(TraceEntry(step: 4, rule: "marac.escalation", source: source,
                                            detail: "\(n) incidents in 12 months meets the escalation rule (\(e.incidents) in \(e.windowMonths) months)"))
                }
            } else {
                trace.append(TraceEntry(step: 4, rule: "marac.escalation", source: source,
                                        detail: "the escalation window is \(e.windowMonths) months but the case counts 12 months: check by hand"))
            }
        }
        if let last = c.lastMaracReferral {
            let months = policy.risk.repeatWindowMonths
            if c.reportedAt.londonDate <= last.adding(months: months) {
                criteria.append(.repeat)
                trace.append(TraceEntry(step: 4, rule: "marac.repeat", source: source,
                                        detail: "new incident within \(months) months of the last MARAC referral (\(last)): repeat referral"))
            } else {
                trace.append(TraceEntry(step: 4, rule: "marac.repeat", source: source,
                                        detail: "last MARAC referral (\(last)) is more than \(months) months ago: a new referral, not a repeat"))
            }
        }
        facts.marac = !criteria.isEmpty
        facts.band = facts.marac ? .high : scoreBand
        if facts.marac && c.victim.age < 16 {
            // MARAC hears victims aged 16 and over; a child at high risk goes to child protection instead.
            facts.marac = false
            criteria = []
            trace.append(TraceEntry(step: 4, rule: "marac.age_16", source: "SafeLives MARAC criteria; Children Act 1989 s.47",
                                    detail: "the victim is \(c.victim.age): MARAC hears victims aged 16 and over, so high risk goes to child protection"))
        }
        return RiskAssessment(score: score, answered: c.dash?.answered, band: facts.band, scoreBand: scoreBand, marac: facts.marac,
                              criteria: criteria, threshold: threshold, dashRecorded: c.dash != nil, rule: riskRule)
    }

    // MARK: 5. Referrals and information sharing

    /// MARAC, child and adult safeguarding from the core, then the policy's partners; each with consent or a lawful basis.
    mutating func referrals(_ c: CaseFile, policy: LocalPolicy, facts: CaseFacts, risk: RiskAssessment, contact: ContactPlan) -> [Referral] {
        var referrals: [Referral] = []
        let handoffRefused = c.consent.handoff == .refused
        let childSafeguarding = self.childSafeguarding
        // The policy's first partner of a kind that serves the case, or the core's own when it names none.
        func addCore(_ kind: ReferralKind, fallback: Partner, reason: String, rule: String) {
            let chosen = policy.partners.firstIndex { $0.kind == kind && $0.serves(areaKey: facts.areaKey) && ($0.when?.holds(facts) ?? true) }
            let id = chosen.map { policy.partners[$0].id } ?? fallback.id
            guard !referrals.contains(where: { $0.partner == id }) else { return }
            if let chosen {
                referrals.append(Pipeline.referral(partner: policy.partners[chosen], kind: kind, reason: reason, rule: rule, c: c, facts: facts,
                                                   childSafeguarding: childSafeguarding, handoffRefused: handoffRefused, contact: contact))
            } else {
                referrals.append(Pipeline.referral(partner: fallback, kind: kind, reason: reason, rule: rule, c: c, facts: facts,
                                                   childSafeguarding: childSafeguarding, handoffRefused: handoffRefused, contact: contact))
            }
        }
        if facts.marac {
            let rule: String
            switch risk.criteria[0] {
            case .visibleHighRisk: rule = "dash.visible_high_risk"
            case .professionalJudgement: rule = "marac.professional_judgement"
            case .escalation: rule = "marac.escalation"
            case .repeat: rule = "marac.repeat"
            }
            addCore(.marac, fallback: Pipeline.defaultMarac, reason: Pipeline.maracReason(risk.criteria), rule: rule)
        }
        if childSafeguarding {
            let (rule, reason): (String, String)
            if facts.hasChildVictims {
                (rule, reason) = ("daa2021.s3.child_victim", "a child is a victim in their own right")
            } else if c.victim.age < 16 {
                (rule, reason) = ("daa2021.s1.age", "the victim is under 16: child safeguarding, not the DA Act route")
            } else if let p = c.perpetrator.age, p < 16 {
                (rule, reason) = ("daa2021.s1.age", "the person causing harm is under 16: child safeguarding for them")
            } else if c.victim.age < 18 {
                (rule, reason) = ("safeguarding.victim_under_18", "the victim is under 18: a child for safeguarding")
            } else {
                (rule, reason) = ("safeguarding.children_exposed", "a child is exposed to the abuse")
            }
            addCore(.safeguardingChildren, fallback: Pipeline.defaultChildren, reason: reason, rule: rule)
        }
        if !c.victim.hasCapacity {
            addCore(.safeguardingAdults, fallback: Pipeline.defaultAdults,
                    reason: "the victim lacks capacity for this decision", rule: "mca2005.capacity")
        }
        for index in policy.partners.indices {
            let kind = policy.partners[index].kind
            let hasCondition = policy.partners[index].when != nil
            switch kind {
            case .marac: continue
            case .safeguardingChildren where !childSafeguarding && !hasCondition: continue
            case .safeguardingAdults where c.victim.hasCapacity && !hasCondition: continue
            case .safeguardingAdults where c.victim.age < 18: continue   // a child goes to children's services
            default: break
            }
            guard policy.partners[index].serves(areaKey: facts.areaKey), policy.partners[index].when?.holds(facts) ?? true,
                  !referrals.contains(where: { $0.partner == policy.partners[index].id }) else { continue }
            referrals.append(Pipeline.referral(
                partner: policy.partners[index], kind: kind, reason: "the policy refers cases like this to this partner",
                rule: policy.partners[index].location ?? "policy.partners", c: c, facts: facts,
                childSafeguarding: childSafeguarding, handoffRefused: handoffRefused, contact: contact))
        }
        if referrals.isEmpty {
            trace.append(TraceEntry(step: 5, rule: "consent.required", source: "design invariant 1", detail: "no referrals"))
        }
        for i in referrals.indices {
            let how: String
            switch referrals[i].status {
            case .ready:
                how = referrals[i].consent == .given ? "ready, consent given" : "ready on a lawful basis (\(referrals[i].basis?.rawValue ?? ""))"
            case .awaitingConsent: how = "awaiting consent"
            case .declined: how = referrals[i].consent == .withdrawn ? "declined, consent withdrawn" : "declined, consent refused"
            }
            trace.append(TraceEntry(step: 5, rule: referrals[i].basisRule ?? "consent.required", source: referrals[i].source,
                                    detail: "referral to \(referrals[i].partner): \(how)"))
        }
        if handoffRefused {
            let text = policy.consent?.handoffDeclined
                ?? "record the initial report, take no further action now, and invite them back when they are ready"
            actions.append(ActionStep(id: "handoff_declined", text: text, rule: policy.consent?.location ?? "consent.handoff_declined"))
            trace.append(TraceEntry(step: 5, rule: "consent.handoff_declined", source: policy.consent?.source,
                                    detail: "hand-off declined: only referrals with a lawful basis go ahead"))
        }
        return referrals
    }

    // MARK: 6. Safety and security measures

    /// Measures from the policy's catalogue whose condition holds.
    mutating func measures(_ policy: LocalPolicy, facts: CaseFacts) -> [MeasureStep] {
        var measures: [MeasureStep] = []
        for i in policy.securityMeasures.indices where policy.securityMeasures[i].when?.holds(facts) ?? true {
            let m = policy.securityMeasures[i]
            measures.append(MeasureStep(id: m.id, name: m.name, fundedBy: m.fundedBy, notes: m.notes,
                                        rule: m.location ?? "policy.security_measures", source: m.source))
        }
        trace.append(TraceEntry(step: 6, rule: "policy.security_measures", source: nil,
                                detail: measures.isEmpty ? "no security measure applies" : "security measures chosen from the catalogue"))
        return measures
    }

    // MARK: 7. Housing

    /// The policy's housing options, the homelessness duty, priority need and the secure-tenancy right.
    mutating func housing(_ c: CaseFile, policy: LocalPolicy, facts: CaseFacts) -> HousingPlan {
        var options: [OptionStep] = []
        for i in policy.housingOptions.indices where policy.housingOptions[i].when?.holds(facts) ?? true {
            let o = policy.housingOptions[i]
            options.append(OptionStep(id: o.id, name: o.name, notes: o.notes, rule: o.location ?? "policy.housing_options", source: o.source))
        }
        var notes: [RuleNote] = []
        let homeless = c.housing.homeless
        // Homelessness duties are owed to eligible applicants only (HA 1996 s.185, s.189B, s.195).
        let eligible = c.housing.eligible != false
        let priorityNeed = homeless && facts.withinAct && eligible
        var duty: HomelessnessDuty?
        if (homeless || c.housing.threatenedWithinDays != nil) && !eligible {
            notes.append(RuleNote(rule: "ha1996.s185.not_eligible",
                                  text: "recorded as not eligible for homelessness assistance: no relief or prevention duty is owed; refer for specialist immigration and housing advice, and safeguarding and refuge support still apply"))
        } else if homeless {
            duty = .relief
            notes.append(RuleNote(rule: "ha1996.s189b.relief", text: "homeless: the relief duty applies"))
            notes.append(RuleNote(rule: "ha1996.s198.no_referral_at_risk",
                                  text: "no local-connection referral to an area where the applicant would be at risk of abuse"))
        } else if let d = c.housing.threatenedWithinDays, d <= 56 {
            duty = .prevention
            notes.append(RuleNote(rule: "ha1996.s195.prevention", text: "threatened with homelessness within 56 days: the prevention duty applies"))
        }
        if priorityNeed {
            notes.append(RuleNote(rule: "ha1996.s189.priority_need", text: "homeless as a result of domestic abuse: priority need (DA Act 2021 s.78)"))
            trace.append(TraceEntry(step: 7, rule: "ha1996.s189.priority_need", source: "Housing Act 1996 s.189(1)(j)", detail: "priority need"))
        }
        if c.housing.eligible == false || c.victim.recourseToPublicFunds == false {
            notes.append(RuleNote(rule: "ha1996.s185.eligibility",
                                  text: "eligibility depends on immigration status: refer for specialist advice (no recourse to public funds)"))
        }
        let secure = c.victim.tenure == .secure || c.victim.tenure == .jointSecure
        if secure {
            notes.append(RuleNote(rule: "daa2021.s79.secure_tenancy",
                                  text: "a council rehousing this secure tenant must grant a secure tenancy (HA 1985 s.81ZA)"))
            trace.append(TraceEntry(step: 7, rule: "daa2021.s79.secure_tenancy", source: "Domestic Abuse Act 2021 s.79", detail: "secure tenancy on rehousing"))
        }
        trace.append(TraceEntry(step: 7, rule: "policy.housing_options", source: nil,
                                detail: options.isEmpty ? "no housing option applies" : "housing options chosen from the policy"))
        return HousingPlan(options: options, priorityNeed: priorityNeed, duty: duty, secureTenancyOnRehousing: secure,
                           eligible: c.housing.eligible, notes: notes)
    }

    // MARK: 8. Perpetrator actions and their guards

    /// Counter-allegations, the no-contact rule, and the policy's options with the core's guards.
    mutating func perpetrator(_ c: CaseFile, policy: LocalPolicy, facts: CaseFacts) -> [PerpetratorAction] {
        var out: [PerpetratorAction] = []
        if c.counterAllegation {
            out.append(PerpetratorAction(
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
        for i in policy.perpetratorOptions.indices where policy.perpetratorOptions[i].when?.holds(facts) ?? true {
            let o = policy.perpetratorOptions[i]
            let (status, reason) = Pipeline.guardStatus(o.guard, c)
            out.append(PerpetratorAction(id: o.id, name: o.name, status: status, reason: reason,
                                         rule: o.location ?? "policy.perpetrator_options", source: o.source))
        }
        trace.append(TraceEntry(step: 8, rule: "perpetrator.guards", source: "domain §6",
                                detail: "perpetrator actions with their guards; nothing about the victim is addressed to the perpetrator"))
        return out
    }

    // MARK: 9. Deadlines

    /// The policy's deadlines whose condition holds, on its working-day calendar.
    mutating func deadlines(_ c: CaseFile, policy: LocalPolicy, facts: CaseFacts, contact: ContactPlan, now: Timestamp) -> [DeadlineStep] {
        var out: [DeadlineStep] = []
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
            let due = policy.calendar.due(from: start, within: d.within)
            out.append(DeadlineStep(id: d.id, name: d.name, due: due, overdue: due < now,
                                    within: d.within.words, from: d.from, rule: d.location ?? "policy.deadlines",
                                    source: d.source, contact: contact))
        }
        trace.append(TraceEntry(step: 9, rule: "calendar.working_days", source: "England and Wales bank holidays",
                                detail: "deadlines on the working-day calendar in UK local time"))
        return out
    }

    // MARK: 10. Helplines

    /// The policy's helplines by audience, local ones only in their area.
    mutating func helplines(_ policy: LocalPolicy, facts: CaseFacts) -> HelplinesByAudience {
        var out = HelplinesByAudience()
        for i in policy.helplines.indices {
            if let area = policy.helplines[i].area, area.lowercased() != facts.areaKey { continue }
            let h = policy.helplines[i]
            out[h.audience].append(HelplineEntry(
                name: h.name, number: h.number, emergency: h.emergency, hours: h.hours, notes: h.notes,
                placeholder: h.placeholder, outdated: h.outdated, rule: h.location ?? "policy.helplines", source: h.source))
        }
        trace.append(TraceEntry(step: 10, rule: "policy.helplines", source: nil, detail: "helplines by audience"))
        return out
    }
}

extension Pipeline {
    /// Whether a perpetrator option's guard lets it be taken now, and why not.
    static func guardStatus(_ guard: PerpetratorGuard?, _ c: CaseFile) -> (PerpetratorActionStatus, String?) {
        switch `guard` {
        case .victimLeft? where !c.property.victimLeft:
            return (.blocked, "only after the victim and dependants have left, as a last resort")
        case .victimSafe? where c.immediateDanger || !(c.property.victimLeft || c.property.perpetratorLeft):
            return (.blocked, "only once the victim's safety is resolved")
        case _ where c.consent.handoff == .refused:
            return (.blocked, "the person declined the hand-off: no action about the perpetrator without their agreement; invite them back")
        default:
            return (.proposed, nil)
        }
    }
}
