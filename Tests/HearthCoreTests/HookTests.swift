import Foundation
import Testing
@testable import HearthCore

@Suite("Hooks: refine a plan, never break an invariant")
struct HookTests {
    func policy(_ hooks: PolicyHook...) -> LocalPolicy {
        var p = Fixtures.crossKeys
        p.hooks = hooks
        return p
    }

    func hook(_ name: String, _ patch: PlanPatch) -> PolicyHook {
        PolicyHook(name: name, location: "plugins/canterbury/init.lua:88") { _, _ in patch }
    }

    func refusal(_ c: CaseFile, _ patch: PlanPatch) -> DecisionError? {
        do {
            _ = try decide(c, policy: policy(hook("route_by_area", patch)), now: Fixtures.now)
            return nil
        } catch {
            return error
        }
    }

    @Test("A hook adds a referral, a measure and a note; the core sets consent and records the hook")
    func adds() throws {
        var c = Fixtures.standardCase()
        c.consent.referrals = ["refuge": .given]
        let plan = try decide(c, policy: policy(hook("extra", PlanPatch(
            referrals: [.init(partner: "refuge", kind: .refuge, reason: "East Cambs route")],
            measures: ["fireproof_letterbox"], notes: ["checked by hook"]))), now: Fixtures.now)
        let refuge = try #require(plan.referral("refuge"))
        #expect(refuge.status == .ready)
        #expect(refuge.rule == "plugins/canterbury/init.lua:88")
        #expect(plan.measures.contains { $0.id == "fireproof_letterbox" })
        #expect(plan.notes.contains("checked by hook"))
        #expect(plan.trace.last?.step == 11)
    }

    @Test("Hooks run in name order and each sees the plan so far")
    func order() throws {
        var seen: [String] = []
        let a = PolicyHook(name: "b_second") { _, plan in seen.append("b:\(plan.notes.count)"); return PlanPatch(notes: ["b"]) }
        let b = PolicyHook(name: "a_first") { _, plan in seen.append("a:\(plan.notes.count)"); return PlanPatch(notes: ["a"]) }
        let plan = try decide(Fixtures.standardCase(), policy: policy(a, b), now: Fixtures.now)
        #expect(seen == ["a:0", "b:1"])
        #expect(plan.notes == ["a", "b"])
    }

    @Test("Refused: making a referral ready without consent or a lawful basis")
    func readyWithoutConsent() throws {
        let error = try #require(refusal(Fixtures.standardCase(), PlanPatch(referrals: [.init(partner: "refuge", status: .ready)])))
        #expect(error.description == "hook 'route_by_area' (plugins/canterbury/init.lua:88) tried to make the referral to 'refuge' ready without consent or a lawful basis (invariant 1)")
    }

    @Test("Refused: claiming a lawful basis the core has not found")
    func claimedBasis() throws {
        let error = try #require(refusal(Fixtures.standardCase(), PlanPatch(referrals: [.init(partner: "refuge", basis: .maracHighRisk)])))
        #expect(error.description.contains("claim lawful basis 'marac_high_risk'"))
    }

    @Test("Refused: dropping the MARAC referral at visible high risk")
    func dropMarac() throws {
        let error = try #require(refusal(Fixtures.standardCase(yes: 15), PlanPatch(removeReferrals: ["marac_cambs"])))
        #expect(error.description == "hook 'route_by_area' (plugins/canterbury/init.lua:88) tried to drop the MARAC referral at visible high risk (invariant 4)")
    }

    @Test("Refused: lowering the risk band")
    func lowerBand() throws {
        let error = try #require(refusal(Fixtures.standardCase(yes: 15), PlanPatch(raiseRisk: .medium)))
        #expect(error.description == "hook 'route_by_area' (plugins/canterbury/init.lua:88) tried to lower the risk band from high to medium (invariant 4)")
    }

    @Test("Raising the band is allowed")
    func raiseBand() throws {
        let plan = try decide(Fixtures.standardCase(yes: 3), policy: policy(hook("raise", PlanPatch(raiseRisk: .medium))), now: Fixtures.now)
        #expect(plan.risk.band == .medium)
    }

    @Test("Refused: removing emergency advice at immediate danger")
    func removeEmergency() throws {
        var c = Fixtures.standardCase()
        c.immediateDanger = true
        let error = try #require(refusal(c, PlanPatch(removeEmergencyAdvice: true)))
        #expect(error.description.hasSuffix("tried to remove the emergency advice at immediate danger (invariant 3)"))
    }

    @Test("Refused: dropping the child safeguarding step")
    func dropChildSafeguarding() throws {
        var c = Fixtures.standardCase()
        c.children = [Child(age: 3, relatedToVictim: true, relatedToPerpetrator: true, exposed: true)]
        let error = try #require(refusal(c, PlanPatch(removeReferrals: ["childrens_services"])))
        #expect(error.description.hasSuffix("tried to drop the child safeguarding step (invariant 5)"))
    }

    @Test("An unknown id in a patch is an error naming the hook and the known ids")
    func unknownId() throws {
        let error = try #require(refusal(Fixtures.standardCase(), PlanPatch(measures: ["moat"])))
        #expect(error.description.contains("hook 'route_by_area' (plugins/canterbury/init.lua:88)"))
        #expect(error.description.contains("unknown security measure 'moat'"))
        #expect(error.description.contains("door_chain"))
        let partner = try #require(refusal(Fixtures.standardCase(), PlanPatch(referrals: [.init(partner: "nobody")])))
        #expect(partner.description.contains("unknown partner 'nobody'"))
    }

    @Test("A hook that throws is reported with its name")
    func throwing() throws {
        struct Boom: Error, CustomStringConvertible { var description: String { "init.lua:90: attempt to index a nil value" } }
        let failing = PolicyHook(name: "broken", location: "plugins/x/init.lua:90") { _, _ in throw Boom() }
        #expect(throws: DecisionError.self) { try decide(Fixtures.standardCase(), policy: policy(failing), now: Fixtures.now) }
        do {
            _ = try decide(Fixtures.standardCase(), policy: policy(failing), now: Fixtures.now)
        } catch {
            #expect(error.description == "hook 'broken' (plugins/x/init.lua:90) failed: init.lua:90: attempt to index a nil value")
        }
    }

    @Test("Perpetrator options added by a hook keep their guards")
    func guardedByHook() throws {
        let plan = try decide(Fixtures.standardCase(), policy: policy(hook("p", PlanPatch(perpetratorOptions: ["ground_14a"]))), now: Fixtures.now)
        #expect(plan.perpetrator.first { $0.id == "ground_14a" }?.status == .blocked)
    }

    @Test("A claimed basis the caseworker recorded is accepted")
    func recordedBasisClaim() throws {
        var c = Fixtures.standardCase()
        c.consent.lawfulBasis = [RecordedBasis(basis: .crimeAndDisorder1998S115, reason: "police request", recordedBy: "J. Smith", appliesTo: ["refuge"])]
        let plan = try decide(c, policy: policy(hook("h", PlanPatch(referrals: [.init(partner: "refuge", status: .ready, basis: .crimeAndDisorder1998S115)]))),
                              now: Fixtures.now)
        #expect(plan.referral("refuge")?.status == .ready)
        #expect(plan.referral("refuge")?.basisRule == "consent.lawful_basis.recorded")
    }

    @Test("A kind that does not match the partner is an error naming both")
    func wrongKind() throws {
        let error = try #require(refusal(Fixtures.standardCase(), PlanPatch(referrals: [.init(partner: "refuge", kind: .police)])))
        #expect(error.description.contains("has kind police but the partner's kind is refuge"))
    }

    @Test("A patch decodes from the hook's table")
    func patchDecoding() throws {
        let json = #"{"referrals": [{"partner": "idva", "kind": "idva"}], "raise_risk": "high", "remove_referrals": ["outreach"], "housing_options": ["sanctuary"]}"#
        let patch = try JSONDecoder().decode(PlanPatch.self, from: Data(json.utf8))
        #expect(patch == PlanPatch(referrals: [.init(partner: "idva", kind: .idva)], housingOptions: ["sanctuary"], raiseRisk: .high,
                                   removeReferrals: ["outreach"]))
    }
}
