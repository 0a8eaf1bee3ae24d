import PropertyBased
import Testing
@testable import HearthCore

/// Builds cases and patches from a list of random numbers, so the property library can shrink failures.
struct Genes {
    var values: [Int]
    var index = 0

    init(_ values: [Int]) { self.values = values }

    mutating func next(_ n: Int) -> Int {
        defer { index += 1 }
        return values.isEmpty ? 0 : values[index % values.count] % n
    }

    mutating func flag() -> Bool { next(2) == 1 }
    mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }
    mutating func maybe<T>(_ make: (inout Genes) -> T) -> T? { flag() ? make(&self) : nil }

    /// A random valid case.
    mutating func caseFile() -> CaseFile {
        var answers: [Int: DashAnswer] = [:]
        let useDash = next(4)
        if useDash >= 2 { for q in 1...24 where flag() { answers[q] = pick(DashAnswer.allCases) } }
        let dash: Dash? = useDash == 0 ? nil : useDash == 1 ? .yesCount(next(25)) : .answers(answers)
        let reported = Timestamp(milliseconds: Int64(1_577_836_800 + next(400_000_000)) * 1000, offsetSeconds: 0).inLondon
        var children: [Child] = []
        for _ in 0..<next(4) {
            children.append(Child(age: next(18), relatedToVictim: flag(), relatedToPerpetrator: flag(), exposed: flag()))
        }
        let contact: Contact? = maybe { g in
            var method = g.maybe { $0.pick(ContactMethod.allCases) }
            let address = g.maybe { $0.flag() }
            if method == .letter && address == false { method = .text }
            return Contact(safeMethod: method, safeTimes: g.maybe { _ in "evenings" }, voicemailSafe: g.maybe { $0.flag() }, addressSafe: address)
        }
        var referrals: [String: PartnerConsent] = [:]
        for id in ["idva", "outreach", "refuge", "marac_cambs", "childrens_services", "marac", "safeguarding_adults"] where flag() {
            referrals[id] = pick(PartnerConsent.allCases)
        }
        var bases: [RecordedBasis] = []
        if next(5) == 0 {
            bases.append(RecordedBasis(basis: pick(LawfulBasis.allCases), reason: "recorded", recordedBy: "caseworker",
                                       appliesTo: maybe { g in [g.pick(["idva", "outreach", "refuge", "police"])] }))
        }
        let handoff = pick(HandoffConsent.allCases)
        return CaseFile(
            id: "prop-\(next(1000))", reportedAt: reported, channel: pick(Channel.allCases), immediateDanger: next(5) == 0,
            area: maybe { g in g.pick(["Cambridgeshire", "cambridgeshire", "Peterborough", "Kent"]) },
            victim: Victim(age: pick([14, 15, 16, 17, 18, 25, 40, 70]), tenant: maybe { $0.flag() }, tenure: maybe { $0.pick(Tenure.allCases) },
                           hasCapacity: next(6) != 0, recourseToPublicFunds: maybe { $0.flag() }),
            perpetrator: Perpetrator(age: maybe { $0.pick([15, 16, 30]) }, relationship: pick(Relationship.allCases),
                                     current: maybe { $0.flag() }, tenant: maybe { $0.flag() }, livesWithVictim: maybe { $0.flag() }),
            children: children, behaviours: Behaviour.allCases.filter { _ in flag() }, threats: Threat.allCases.filter { _ in next(4) == 0 },
            dash: dash,
            professionalJudgement: maybe { g in ProfessionalJudgement(highRisk: g.flag(), reason: "judgement") },
            incidents12Months: maybe { $0.next(7) },
            lastMaracReferral: maybe { g in reported.londonDate.adding(days: -g.next(800)) },
            consent: Consent(handoff: handoff, handoffAt: handoff == .given ? maybe { g in reported.adding(seconds: Int64(g.next(10_000))) } : nil,
                             referrals: referrals, lawfulBasis: bases),
            housing: Housing(wishes: maybe { $0.pick(HousingWish.allCases) }, homeless: flag(), threatenedWithinDays: maybe { $0.next(90) },
                             eligible: maybe { $0.flag() }),
            property: Property(damageLeavesUnsafe: flag(), perpetratorLeft: flag(), victimLeft: flag()),
            contact: contact,
            needs: Needs(interpreterLanguage: maybe { _ in "Urdu" }, bsl: next(8) == 0, disability: nil, other: []),
            counterAllegation: next(4) == 0)
    }

    /// A random patch using ids from the policy, which may or may not try to break an invariant.
    mutating func patch(_ policy: LocalPolicy, plan: Plan) -> PlanPatch {
        var patch = PlanPatch()
        if flag() {
            patch.referrals = (0..<next(3)).map { _ in
                PlanPatch.ReferralRequest(partner: pick(policy.partners).id, status: maybe { $0.pick(ReferralStatus.allCases) },
                                          basis: maybe { $0.pick(LawfulBasis.allCases) })
            }
        }
        if flag() { patch.measures = [pick(policy.securityMeasures).id] }
        if flag() { patch.housingOptions = [pick(policy.housingOptions).id] }
        if flag() { patch.perpetratorOptions = [pick(policy.perpetratorOptions).id] }
        if flag() { patch.raiseRisk = pick(RiskBand.allCases) }
        if flag(), !plan.referrals.isEmpty { patch.removeReferrals = [pick(plan.referrals).partner] }
        if next(4) == 0 { patch.removeEmergencyAdvice = true }
        if flag() { patch.notes = ["note"] }
        return patch
    }
}

/// What a hostile hook tries, chosen so that it would break an invariant for this case.
func hostilePatch(for c: CaseFile, plan: Plan, policy: LocalPolicy, genes: inout Genes) -> (CaseFile, PlanPatch)? {
    var attacks: [(CaseFile, PlanPatch)] = []
    if c.immediateDanger { attacks.append((c, PlanPatch(removeEmergencyAdvice: true))) }
    if plan.risk.criteria.contains(.visibleHighRisk), let marac = plan.referral(kind: .marac) {
        attacks.append((c, PlanPatch(removeReferrals: [marac.partner])))
    }
    if plan.risk.band > .standard {
        attacks.append((c, PlanPatch(raiseRisk: plan.risk.band == .high ? genes.pick([.standard, .medium]) : .standard)))
    }
    if let child = plan.referral(kind: .safeguardingChildren) { attacks.append((c, PlanPatch(removeReferrals: [child.partner]))) }
    for partner in policy.partners {
        let existing = plan.referral(partner.id)
        if existing == nil || existing?.status != .ready {
            var probe = plan
            probe.referrals.removeAll { $0.partner == partner.id }
            let made = Pipeline.referral(
                partner: partner, kind: partner.kind, reason: "", rule: "", c: c,
                facts: { let f = CaseFacts(caseFile: c, areaKey: c.area?.lowercased()); f.marac = plan.risk.marac; f.band = plan.risk.band; return f }(),
                childSafeguarding: Pipeline.needsChildSafeguarding(c, childVictims: plan.childVictims.count),
                handoffRefused: c.consent.handoff == .refused, contact: plan.contact)
            if made.status != .ready {
                attacks.append((c, PlanPatch(referrals: [.init(partner: partner.id, status: .ready)])))
            }
        }
    }
    if attacks.isEmpty {
        var danger = c
        danger.immediateDanger = true
        return (danger, PlanPatch(removeEmergencyAdvice: true))
    }
    return genes.pick(attacks)
}

@Suite("Properties: invariants hold for any valid case and any hook")
struct PropertyTests {
    static let genes = Gen.int(in: 0...1_000_000).array(of: 64)

    @Test("Random valid cases never produce a plan that breaks an invariant")
    func randomCases() async {
        await propertyCheck(count: 500, input: Self.genes) { values in
            var g = Genes(values)
            let c = g.caseFile()
            for policy in [Fixtures.crossKeys, Fixtures.plain] {
                let plan = Pipeline.corePlan(c, policy: policy, now: Fixtures.now)
                let violations = Invariants.check(plan: plan, case: c)
                #expect(violations.isEmpty, "\(violations) for \(c)")
                // Perpetrator actions never carry contact details (invariant 2)
                #expect(plan.perpetrator.allSatisfy { !($0.reason ?? "").contains("@") })
                // Deterministic: the same inputs give the same plan
                #expect(plan == Pipeline.corePlan(c, policy: policy, now: Fixtures.now))
            }
        }
    }

    @Test("Random cases survive JSON: the validator accepts what the model encodes")
    func randomRoundTrip() async throws {
        await propertyCheck(count: 200, input: Self.genes) { values in
            var g = Genes(values)
            let c = g.caseFile()
            let data = try Plan.encoder().encode(c)
            #expect(try CaseFile.parse(json: data) == c)
        }
    }

    @Test("Hook results that try to break an invariant are always refused, naming the hook")
    func hostileHooks() async {
        await propertyCheck(count: 500, input: Self.genes) { values in
            var g = Genes(values)
            let base = g.caseFile()
            let policy = Fixtures.crossKeys
            let plan = Pipeline.corePlan(base, policy: policy, now: Fixtures.now)
            guard let (c, patch) = hostilePatch(for: base, plan: plan, policy: policy, genes: &g) else { return }
            var hooked = policy
            hooked.hooks = [PolicyHook(name: "hostile", location: "plugins/test/init.lua:1") { _, _ in patch }]
            do {
                _ = try decide(c, policy: hooked, now: Fixtures.now)
                Issue.record("patch \(patch) was applied to \(c)")
            } catch let error as DecisionError {
                guard case .refused = error.kind else {
                    Issue.record("expected a refusal, got \(error)")
                    return
                }
                #expect(error.description.hasPrefix("hook 'hostile' (plugins/test/init.lua:1) tried to"))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("Any hook result is either refused or leaves every invariant intact")
    func anyHook() async {
        await propertyCheck(count: 500, input: Self.genes) { values in
            var g = Genes(values)
            let c = g.caseFile()
            var policy = Fixtures.crossKeys
            let plan = Pipeline.corePlan(c, policy: policy, now: Fixtures.now)
            let patch = g.patch(policy, plan: plan)
            policy.hooks = [PolicyHook(name: "random") { _, _ in patch }]
            do {
                let result = try decide(c, policy: policy, now: Fixtures.now)
                #expect(Invariants.check(plan: result, case: c).isEmpty)
            } catch let error as DecisionError {
                if case .failed = error.kind { Issue.record("\(error)") }
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
