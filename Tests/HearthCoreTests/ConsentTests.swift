import Testing
@testable import HearthCore

@Suite("§3 Consent and information sharing")
struct ConsentTests {
    @Test("Consent refused for one partner and given for another")
    func mixedConsent() throws {
        // Given a high-risk case where the victim agrees to the IDVA but refuses the refuge
        var c = Fixtures.standardCase(yes: 15)
        c.housing.wishes = .move
        c.consent.referrals = ["idva": .given, "refuge": .refused]
        let plan = try Fixtures.plan(c)
        // Then the IDVA referral is ready on consent, the refuge referral is declined
        let idva = try #require(plan.referral("idva"))
        #expect(idva.consent == .given && idva.status == .ready && idva.basis == nil)
        let refuge = try #require(plan.referral("refuge"))
        #expect(refuge.consent == .refused && refuge.status == .declined && refuge.basis == nil)
        // And MARAC goes ahead without consent on its lawful basis
        let marac = try #require(plan.referral(kind: .marac))
        #expect(marac.partner == "marac_cambs")
        #expect(marac.status == .ready && marac.basis == .maracHighRisk && marac.consent == .notRequired)
        #expect(Invariants.check(plan: plan, case: c).isEmpty)
    }

    @Test("Consent recorded by kind applies to every partner of that kind")
    func consentByKind() throws {
        var c = Fixtures.standardCase(yes: 3)
        c.consent.referrals = ["outreach": .given]
        #expect(try Fixtures.plan(c).referral("outreach")?.status == .ready)
    }

    @Test("No answer yet: awaiting consent, never ready")
    func awaiting() throws {
        let plan = try Fixtures.plan(Fixtures.standardCase(yes: 3))
        let outreach = try #require(plan.referral("outreach"))
        #expect(outreach.status == .awaitingConsent && outreach.consent == .notAsked)
    }

    @Test("MARAC is heard even when the victim refuses consent, with the basis recorded")
    func maracWithoutConsent() throws {
        var c = Fixtures.standardCase(yes: 16)
        c.consent.referrals = ["marac": .refused]
        let marac = try #require(try Fixtures.plan(c).referral(kind: .marac))
        #expect(marac.consent == .refused)
        #expect(marac.basis == .maracHighRisk)
        #expect(marac.status == .ready)
        #expect(marac.basisReason?.contains("with or without consent") == true)
    }

    @Test("Withdrawn consent declines the referral")
    func withdrawn() throws {
        var c = Fixtures.standardCase(yes: 15)
        c.consent.referrals = ["idva": .withdrawn]
        let idva = try #require(try Fixtures.plan(c).referral("idva"))
        #expect(idva.consent == .withdrawn && idva.status == .declined)
    }

    @Test("A victim who lacks capacity: adult safeguarding under the Mental Capacity Act 2005")
    func lacksCapacity() throws {
        var c = Fixtures.standardCase(yes: 3)
        c.victim.hasCapacity = false
        let plan = try Fixtures.plan(c)
        let adults = try #require(plan.referral(kind: .safeguardingAdults))
        #expect(adults.status == .ready)
        #expect(adults.basis == .mentalCapacityAct2005)
        #expect(adults.rule == "mca2005.capacity")
        // Other referrals still need consent
        #expect(plan.referral("outreach")?.status == .awaitingConsent)
    }

    @Test("Hand-off declined: record the report, no referrals without a lawful basis, invite back (seed 001)")
    func handoffDeclined() throws {
        var c = Fixtures.standardCase(yes: 3)
        c.consent.handoff = .refused
        c.children = [Child(age: 5, relatedToVictim: true, relatedToPerpetrator: true, exposed: true)]
        let plan = try Fixtures.plan(c)
        #expect(plan.actions.contains { $0.id == "handoff_declined" && $0.text.contains("invite them back") })
        #expect(plan.referral("outreach")?.status == .declined)
        // Child safeguarding still goes on its lawful basis
        #expect(plan.referral(kind: .safeguardingChildren)?.status == .ready)
        // A deadline counted from hand-off consent does not start
        #expect(!plan.deadlines.contains { $0.id == "open_case" })
        #expect(plan.referrals.filter { $0.status == .ready }.allSatisfy { $0.basis != nil })
    }

    @Test("A lawful basis the caseworker recorded lets a referral go, with who recorded it")
    func recordedBasis() throws {
        var c = Fixtures.standardCase(yes: 3)
        c.consent.lawfulBasis = [RecordedBasis(basis: .careAct2014S42, reason: "significant risk of harm", recordedBy: "J. Smith",
                                               appliesTo: ["outreach"])]
        let plan = try Fixtures.plan(c)
        let outreach = try #require(plan.referral("outreach"))
        #expect(outreach.status == .ready && outreach.basis == .careAct2014S42)
        #expect(outreach.basisReason?.contains("J. Smith") == true)
        #expect(Invariants.check(plan: plan, case: c).isEmpty)
    }

    @Test("A partner cannot declare itself exempt: 'not_required_high_risk' applies only at high risk")
    func partnerRule() throws {
        var policy = Fixtures.crossKeys
        policy.partners.append(Partner(id: "police", name: "Police", kind: .police, consent: .notRequiredHighRisk))
        #expect(try Fixtures.plan(Fixtures.standardCase(yes: 3), policy).referral("police")?.status == .awaitingConsent)
        #expect(try Fixtures.plan(Fixtures.standardCase(yes: 15), policy).referral("police")?.basis == .maracHighRisk)
    }
}
