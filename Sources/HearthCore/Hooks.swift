/// A named policy function that may add to or refine a plan. The core checks its result against the invariants.
///
/// The closure need not be `Sendable`: a Lua runtime is confined to one thread.
public struct PolicyHook {
    /// The hook's name; hooks run in name order.
    public var name: String
    /// Where it is defined, e.g. `plugins/canterbury/init.lua:88`.
    public var location: String?
    /// Gets the case and the plan so far; returns nil or a patch.
    public var run: (CaseFile, Plan) throws -> PlanPatch?

    /// Creates a hook.
    public init(name: String, location: String? = nil, run: @escaping (CaseFile, Plan) throws -> PlanPatch?) {
        self.name = name; self.location = location; self.run = run
    }
}

/// What a hook may change: additions from the policy's catalogues, a raised risk band, notes, removed referrals.
public struct PlanPatch: Codable, Sendable, Hashable {
    /// A referral a hook asks for. The core sets consent and status; a claimed `status` or `basis` is checked.
    public struct ReferralRequest: Codable, Sendable, Hashable {
        /// A partner id from the policy.
        public var partner: String
        /// The partner's kind (must match the partner's, if given).
        public var kind: ReferralKind?
        /// Why.
        public var reason: String?
        /// A status the hook claims; refused when the core would not give it.
        public var status: ReferralStatus?
        /// A lawful basis the hook claims; refused unless the core finds it applies.
        public var basis: LawfulBasis?

        /// Creates a referral request.
        public init(partner: String, kind: ReferralKind? = nil, reason: String? = nil, status: ReferralStatus? = nil, basis: LawfulBasis? = nil) {
            self.partner = partner; self.kind = kind; self.reason = reason; self.status = status; self.basis = basis
        }
    }

    /// Referrals to add (partner ids from the policy).
    public var referrals: [ReferralRequest]?
    /// Security measure ids.
    public var measures: [String]?
    /// Housing option ids.
    public var housingOptions: [String]?
    /// Perpetrator option ids.
    public var perpetratorOptions: [String]?
    /// A band to raise the risk to; never lower.
    public var raiseRisk: RiskBand?
    /// Notes, as written.
    public var notes: [String]?
    /// Partner ids of referrals to remove.
    public var removeReferrals: [String]?
    /// Asks to remove the emergency advice (refused at immediate danger).
    public var removeEmergencyAdvice: Bool?

    /// Creates a patch.
    public init(referrals: [ReferralRequest]? = nil, measures: [String]? = nil, housingOptions: [String]? = nil,
                perpetratorOptions: [String]? = nil, raiseRisk: RiskBand? = nil, notes: [String]? = nil,
                removeReferrals: [String]? = nil, removeEmergencyAdvice: Bool? = nil) {
        self.referrals = referrals; self.measures = measures; self.housingOptions = housingOptions
        self.perpetratorOptions = perpetratorOptions; self.raiseRisk = raiseRisk; self.notes = notes
        self.removeReferrals = removeReferrals; self.removeEmergencyAdvice = removeEmergencyAdvice
    }

    enum CodingKeys: String, CodingKey {
        case referrals, measures, housingOptions = "housing_options", perpetratorOptions = "perpetrator_options"
        case raiseRisk = "raise_risk", notes, removeReferrals = "remove_referrals", removeEmergencyAdvice = "remove_emergency_advice"
    }
}

/// Why `decide` could not finish: a hook failed, named something unknown, or tried to break an invariant.
public struct DecisionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The hook tried to break an invariant; the patch was not applied.
        case refused(Violation)
        /// The patch named an unknown id or a wrong kind.
        case invalidPatch(String)
        /// The hook itself raised an error.
        case failed(String)
    }

    /// The hook's name.
    public var hook: String
    /// Where the hook is defined.
    public var location: String?
    /// What went wrong.
    public var kind: Kind

    /// Creates an error.
    public init(hook: String, location: String?, kind: Kind) { self.hook = hook; self.location = location; self.kind = kind }

    /// E.g. `hook 'route_by_area' (plugins/canterbury/init.lua:88) tried to drop the MARAC referral at visible high risk (invariant 4)`.
    public var description: String {
        let who = "hook '\(hook)'" + (location.map { " (\($0))" } ?? "")
        switch kind {
        case .refused(let v):
            return "\(who) tried to \(v.attempt)" + (v.invariant.map { " (invariant \($0))" } ?? "")
        case .invalidPatch(let message):
            return "\(who) returned a patch the core cannot apply: \(message)"
        case .failed(let message):
            return "\(who) failed: \(message)"
        }
    }
}

extension Pipeline {
    /// Runs hooks in name order, applying each patch and refusing any that breaks an invariant.
    static func applyHooks(_ hooks: [PolicyHook], to start: Plan, caseFile c: CaseFile, policy: LocalPolicy) throws(DecisionError) -> Plan {
        var plan = start
        for hook in hooks.sorted(by: { $0.name < $1.name }) {
            let patch: PlanPatch?
            do {
                patch = try hook.run(c, plan)
            } catch {
                throw DecisionError(hook: hook.name, location: hook.location, kind: .failed(String(describing: error)))
            }
            guard let patch else { continue }
            plan = try apply(patch, from: hook, to: plan, caseFile: c, policy: policy)
        }
        return plan
    }

    /// Applies one hook's patch to a copy of the plan and checks the invariants.
    public static func apply(_ patch: PlanPatch, from hook: PolicyHook, to plan: Plan, caseFile c: CaseFile, policy: LocalPolicy) throws(DecisionError) -> Plan {
        func invalid(_ message: String) -> DecisionError { DecisionError(hook: hook.name, location: hook.location, kind: .invalidPatch(message)) }
        func refused(_ v: Violation) -> DecisionError { DecisionError(hook: hook.name, location: hook.location, kind: .refused(v)) }
        let rule = hook.location ?? "hook.\(hook.name)"
        var next = plan
        var changes: [String] = []
        let facts = CaseFacts(caseFile: c, areaKey: c.area?.lowercased())
        facts.withinAct = plan.scope.withinAct
        facts.hasChildVictims = !plan.childVictims.isEmpty
        facts.band = plan.risk.band
        facts.marac = plan.risk.marac
        let childSafeguarding = needsChildSafeguarding(c, childVictims: plan.childVictims.count)

        if let band = patch.raiseRisk {
            if band < next.risk.band {
                throw refused(Violation(invariant: 4, message: "risk band lowered",
                                        attempt: "lower the risk band from \(next.risk.band.rawValue) to \(band.rawValue)"))
            }
            if band > next.risk.band { changes.append("raised risk to \(band.rawValue)") }
            next.risk.band = band
            facts.band = band
        }
        if let removals = patch.removeReferrals {
            for id in removals {
                guard next.referrals.contains(where: { $0.partner == id }) else {
                    throw invalid("remove_referrals names '\(id)', which is not a referral in the plan (referrals: \(next.referrals.map(\.partner).joined(separator: ", ")))")
                }
                next.referrals.removeAll { $0.partner == id }
                changes.append("removed referral \(id)")
            }
        }
        if let requests = patch.referrals {
            for request in requests {
                guard let partner = policy.partners.first(where: { $0.id == request.partner }) else {
                    throw invalid("referrals names unknown partner '\(request.partner)'; known partners are \(policy.partners.map(\.id).joined(separator: ", "))")
                }
                if let kind = request.kind, kind != partner.kind {
                    throw invalid("referral to '\(partner.id)' has kind \(kind.rawValue) but the partner's kind is \(partner.kind.rawValue)")
                }
                let made = referral(partner: partner, kind: partner.kind, reason: request.reason ?? "added by the policy's hook '\(hook.name)'",
                                    rule: rule, c: c, facts: facts, childSafeguarding: childSafeguarding,
                                    handoffRefused: c.consent.handoff == .refused, contact: next.contact)
                if request.status == .ready && made.status != .ready {
                    throw refused(Violation(invariant: 1, message: "referral ready without consent or a lawful basis",
                                            attempt: "make the referral to '\(partner.id)' ready without consent or a lawful basis"))
                }
                if let claimed = request.basis, claimed != made.basis {
                    throw refused(Violation(invariant: 1, message: "lawful basis claimed that does not apply",
                                            attempt: "claim lawful basis '\(claimed.rawValue)' for '\(partner.id)', which the core has not found to apply"))
                }
                if let index = next.referrals.firstIndex(where: { $0.partner == partner.id }) {
                    if request.status == .ready && next.referrals[index].status != .ready {
                        throw refused(Violation(invariant: 1, message: "referral ready without consent or a lawful basis",
                                                attempt: "make the referral to '\(partner.id)' ready without consent or a lawful basis"))
                    }
                    continue
                }
                next.referrals.append(made)
                changes.append("added referral \(partner.id) (\(made.status.rawValue))")
            }
        }
        for id in patch.measures ?? [] {
            guard let m = policy.securityMeasures.first(where: { $0.id == id }) else {
                throw invalid("measures names unknown security measure '\(id)'; the catalogue has \(policy.securityMeasures.map(\.id).joined(separator: ", "))")
            }
            if next.measures.contains(where: { $0.id == id }) { continue }
            next.measures.append(MeasureStep(id: m.id, name: m.name, fundedBy: m.fundedBy, notes: m.notes, rule: rule, source: m.source))
            changes.append("added measure \(id)")
        }
        for id in patch.housingOptions ?? [] {
            guard let o = policy.housingOptions.first(where: { $0.id == id }) else {
                throw invalid("housing_options names unknown option '\(id)'; the policy has \(policy.housingOptions.map(\.id).joined(separator: ", "))")
            }
            if next.housing.options.contains(where: { $0.id == id }) { continue }
            next.housing.options.append(OptionStep(id: o.id, name: o.name, notes: o.notes, rule: rule, source: o.source))
            changes.append("added housing option \(id)")
        }
        for id in patch.perpetratorOptions ?? [] {
            guard let o = policy.perpetratorOptions.first(where: { $0.id == id }) else {
                throw invalid("perpetrator_options names unknown option '\(id)'; the policy has \(policy.perpetratorOptions.map(\.id).joined(separator: ", "))")
            }
            if next.perpetrator.contains(where: { $0.id == id }) { continue }
            let (status, reason) = guardStatus(o.guard, c)
            next.perpetrator.append(PerpetratorAction(id: o.id, name: o.name, status: status, reason: reason, rule: rule, source: o.source))
            changes.append("added perpetrator option \(id)")
        }
        if let notes = patch.notes, !notes.isEmpty {
            next.notes.append(contentsOf: notes)
            changes.append("added \(notes.count) note(s)")
        }
        if patch.removeEmergencyAdvice == true {
            next.emergency.required = false
            next.emergency.advice = []
            changes.append("removed emergency advice")
        }

        if let violation = Invariants.check(plan: next, case: c).first {
            throw refused(violation)
        }
        next.trace.append(TraceEntry(step: 11, rule: rule, source: "hook '\(hook.name)'",
                                     detail: changes.isEmpty ? "no change" : changes.joined(separator: "; ")))
        return next
    }
}
