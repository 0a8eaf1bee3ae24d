import Testing
@testable import HearthCore

@Suite("§1 Who is covered: DA Act 2021 s.1–3")
struct ScopeTests {
    @Test("A 16-year-old victim is within the Act; a 15-year-old is not and goes to child safeguarding")
    func victimAge() throws {
        // Given a 16-year-old victim
        let sixteen = try Fixtures.plan(Fixtures.standardCase(victimAge: 16, perpetratorAge: 17))
        // Then the case is within the Act, and still a child for safeguarding
        #expect(sixteen.scope.withinAct)
        #expect(sixteen.referral(kind: .safeguardingChildren)?.rule == "safeguarding.victim_under_18")

        // Given a 15-year-old victim
        let fifteen = try Fixtures.plan(Fixtures.standardCase(victimAge: 15, perpetratorAge: 17))
        // Then the case is outside the Act, says why, and routes to child safeguarding under s.47
        #expect(!fifteen.scope.withinAct)
        let age = try #require(fifteen.scope.reasons.first { $0.rule == "daa2021.s1.age" })
        #expect(!age.met)
        #expect(age.detail.contains("under 16"))
        let safeguarding = try #require(fifteen.referral(kind: .safeguardingChildren))
        #expect(safeguarding.rule == "daa2021.s1.age")
        #expect(safeguarding.status == .ready)
        #expect(safeguarding.basis == .childrenAct1989S47)
        #expect(Invariants.check(plan: fifteen, case: Fixtures.standardCase(victimAge: 15, perpetratorAge: 17)).isEmpty)
    }

    @Test("A 15-year-old perpetrator puts the case outside the Act; 16 is within")
    func perpetratorAge() throws {
        let fifteen = try Fixtures.plan(Fixtures.standardCase(victimAge: 30, perpetratorAge: 15))
        #expect(!fifteen.scope.withinAct)
        #expect(fifteen.referral(kind: .safeguardingChildren)?.reason.contains("under 16") == true)
        let sixteen = try Fixtures.plan(Fixtures.standardCase(victimAge: 30, perpetratorAge: 16))
        #expect(sixteen.scope.withinAct)
        #expect(sixteen.referral(kind: .safeguardingChildren) == nil)
    }

    @Test("An unrecorded perpetrator age is flagged, not guessed against the victim")
    func perpetratorAgeUnknown() throws {
        let plan = try Fixtures.plan(Fixtures.standardCase(perpetratorAge: nil))
        #expect(plan.scope.withinAct)
        #expect(plan.scope.reasons.first { $0.rule == "daa2021.s1.age" }?.detail.contains("not recorded") == true)
    }

    @Test("Each of the seven personal connections in s.2 is within the Act", arguments: [
        Relationship.spouse, .civilPartner, .engaged, .civilPartnershipAgreement, .intimatePartner, .sharedParent, .relative,
    ])
    func connected(relationship: Relationship) throws {
        let plan = try Fixtures.plan(Fixtures.standardCase(relationship: relationship))
        #expect(plan.scope.withinAct)
        let reason = try #require(plan.scope.reasons.first { $0.rule == "daa2021.s2.connected" })
        #expect(reason.met)
        #expect(reason.detail.contains("s.2(1)"))
    }

    @Test("No personal connection: outside the Act, still offered support")
    func notConnected() throws {
        let c = Fixtures.standardCase(relationship: .none)
        let plan = try Fixtures.plan(c)
        #expect(!plan.scope.withinAct)
        #expect(plan.scope.reasons.contains { $0.rule == "daa2021.s2.connected" && !$0.met })
        #expect(plan.scope.reasons.contains { $0.rule == "daa2021.outside_definition" })
        #expect(!plan.helplines.isEmpty)
        #expect(plan.referral("outreach") != nil)
    }

    @Test("No behaviour recorded yet: outside the definition until one is disclosed; nothing asks for proof")
    func noBehaviour() throws {
        var c = Fixtures.standardCase()
        c.behaviours = []
        let plan = try Fixtures.plan(c)
        #expect(!plan.scope.withinAct)
        #expect(plan.scope.reasons.first { $0.rule == "daa2021.s1.abusive" }?.detail.contains("believe") == true)
    }

    @Test("Economic abuse alone is abusive behaviour")
    func economic() throws {
        var c = Fixtures.standardCase()
        c.behaviours = [.economic]
        #expect(try Fixtures.plan(c).scope.withinAct)
    }

    @Test("A child who sees the abuse and is related to either party is a victim in their own right (s.3)")
    func childVictim() throws {
        // Given two exposed children, one related to the victim, one to the perpetrator, and one not exposed
        var c = Fixtures.standardCase()
        c.children = [
            Child(age: 4, relatedToVictim: true, relatedToPerpetrator: false, exposed: true),
            Child(age: 9, relatedToVictim: false, relatedToPerpetrator: true, exposed: true),
            Child(age: 12, relatedToVictim: true, relatedToPerpetrator: true, exposed: false),
        ]
        let plan = try Fixtures.plan(c)
        // Then the two exposed children are victims, and there is a child safeguarding step
        #expect(plan.childVictims.map(\.child) == [0, 1])
        #expect(plan.childVictims.allSatisfy { $0.rule == "daa2021.s3.child_victim" })
        let safeguarding = try #require(plan.referral(kind: .safeguardingChildren))
        #expect(safeguarding.status == .ready)
        #expect(safeguarding.basis == .childrenAct1989S47)
        #expect(safeguarding.rule == "daa2021.s3.child_victim")
    }

    @Test("A child exposed but related to neither party is not a s.3 victim, yet still gets safeguarding")
    func exposedUnrelated() throws {
        var c = Fixtures.standardCase()
        c.children = [Child(age: 7, relatedToVictim: false, relatedToPerpetrator: false, exposed: true)]
        let plan = try Fixtures.plan(c)
        #expect(plan.childVictims.isEmpty)
        #expect(plan.referral(kind: .safeguardingChildren)?.rule == "safeguarding.children_exposed")
        #expect(plan.trace.contains { $0.rule == "safeguarding.children_exposed" })
    }

    @Test("Immediate danger: emergency advice comes first")
    func immediateDanger() throws {
        var c = Fixtures.standardCase()
        c.immediateDanger = true
        let plan = try Fixtures.plan(c)
        #expect(plan.emergency.required)
        #expect(plan.emergency.advice.first?.contains("999") == true)
        #expect(plan.trace.first?.step == 1)
        #expect(plan.trace.first?.rule == "safety.immediate_danger")
    }
}
