import Testing
@testable import HearthCore

@Suite("§2 Risk: DASH, bands and MARAC criteria")
struct RiskTests {
    @Test("Cross Keys in Cambridgeshire: 16 is below the threshold of 17, 17 is at it, 18 above", arguments: [
        (16, false), (17, true), (18, true),
    ])
    func cambridgeshireThreshold(yes: Int, visible: Bool) throws {
        // Given a Cambridgeshire case with this many "yes" answers
        let plan = try Fixtures.plan(Fixtures.standardCase(yes: yes, area: "Cambridgeshire"))
        // Then visible high risk, the high band and a MARAC referral follow at 17 and above
        #expect(plan.risk.threshold == 17)
        #expect(plan.risk.score == yes)
        #expect(plan.risk.criteria.contains(.visibleHighRisk) == visible)
        #expect(plan.risk.marac == visible)
        #expect((plan.risk.band == .high) == visible)
        #expect((plan.referral(kind: .marac) != nil) == visible)
        if !visible { #expect(plan.risk.band == .medium) }
    }

    @Test("Cross Keys elsewhere: 13 is below the threshold of 14, 14 at it, 15 above", arguments: [
        (13, false), (14, true), (15, true),
    ])
    func defaultThreshold(yes: Int, visible: Bool) throws {
        let plan = try Fixtures.plan(Fixtures.standardCase(yes: yes, area: "Peterborough"))
        #expect(plan.risk.threshold == 14)
        #expect(plan.risk.marac == visible)
        #expect((plan.referral(kind: .marac)?.rule == "dash.visible_high_risk") == visible)
    }

    @Test("Area keys match case-insensitively")
    func areaCase() throws {
        #expect(try Fixtures.plan(Fixtures.standardCase(area: "CAMBRIDGESHIRE")).risk.threshold == 17)
    }

    @Test("Bands: below 10 standard, 10 to threshold-1 medium", arguments: [(9, RiskBand.standard), (10, .medium), (13, .medium), (14, .high)])
    func bands(yes: Int, band: RiskBand) throws {
        #expect(try Fixtures.plan(Fixtures.standardCase(yes: yes)).risk.band == band)
    }

    @Test("Professional judgement raises risk below the threshold")
    func judgementRaises() throws {
        var c = Fixtures.standardCase(yes: 5)
        c.professionalJudgement = ProfessionalJudgement(highRisk: true, reason: "strangulation disclosed")
        let plan = try Fixtures.plan(c)
        #expect(plan.risk.band == .high)
        #expect(plan.risk.scoreBand == .standard)
        #expect(plan.risk.criteria == [.professionalJudgement])
        #expect(plan.referral(kind: .marac)?.rule == "marac.professional_judgement")
    }

    @Test("Professional judgement never lowers a visible high risk")
    func judgementNeverLowers() throws {
        var c = Fixtures.standardCase(yes: 15)
        c.professionalJudgement = ProfessionalJudgement(highRisk: false, reason: "victim seemed calm")
        let plan = try Fixtures.plan(c)
        #expect(plan.risk.band == .high)
        #expect(plan.risk.marac)
        #expect(plan.trace.contains { $0.rule == "marac.professional_judgement" && $0.detail.contains("cannot lower") })
    }

    @Test("Escalation: 2 incidents in 12 months is not enough; 3 meets the policy's rule", arguments: [(2, false), (3, true), (4, true)])
    func escalation(incidents: Int, met: Bool) throws {
        var c = Fixtures.standardCase(yes: 4)
        c.incidents12Months = incidents
        let plan = try Fixtures.plan(c)
        #expect(plan.risk.criteria.contains(.escalation) == met)
        #expect(plan.risk.marac == met)
    }

    @Test("A policy with 5 call-outs escalates at 5, not 4")
    func escalationLocal() throws {
        var policy = Fixtures.crossKeys
        policy.risk.escalation = Escalation(incidents: 5)
        var c = Fixtures.standardCase(yes: 4)
        c.incidents12Months = 4
        #expect(try !Fixtures.plan(c, policy).risk.marac)
        c.incidents12Months = 5
        #expect(try Fixtures.plan(c, policy).risk.criteria == [.escalation])
    }

    @Test("A new incident within 12 months of the last MARAC referral is a repeat; after 12 months it is new")
    func repeatReferral() throws {
        // Given a report on 4 March 2025
        var c = Fixtures.standardCase(yes: 4)
        // When the last MARAC referral was 11 months earlier
        c.lastMaracReferral = LocalDate.parse("2024-04-04")
        let within = try Fixtures.plan(c)
        #expect(within.risk.criteria == [.repeat])
        #expect(within.referral(kind: .marac)?.rule == "marac.repeat")
        // When it was exactly 12 months earlier, it is still within the window
        c.lastMaracReferral = LocalDate.parse("2024-03-04")
        #expect(try Fixtures.plan(c).risk.criteria == [.repeat])
        // When it was 13 months earlier, it is a new referral, not a repeat
        c.lastMaracReferral = LocalDate.parse("2024-02-03")
        let after = try Fixtures.plan(c)
        #expect(after.risk.criteria.isEmpty)
        #expect(!after.risk.marac)
        #expect(after.trace.contains { $0.rule == "marac.repeat" && $0.detail.contains("not a repeat") })
    }

    @Test("A legacy record with only a yes count scores the same")
    func legacyCount() throws {
        var c = Fixtures.standardCase()
        c.dash = .yesCount(14)
        let plan = try Fixtures.plan(c)
        #expect(plan.risk.score == 14)
        #expect(plan.risk.answered == nil)
        #expect(plan.risk.marac)
    }

    @Test("Unknown answers do not count as yes or as answered")
    func unknownAnswers() throws {
        var c = Fixtures.standardCase()
        c.dash = .answers([1: .yes, 2: .unknown, 3: .no])
        let plan = try Fixtures.plan(c)
        #expect(plan.risk.score == 1)
        #expect(plan.risk.answered == 2)
    }
}
