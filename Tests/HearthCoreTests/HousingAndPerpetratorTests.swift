import Testing
@testable import HearthCore

@Suite("§4–6 Deadlines, housing and perpetrators")
struct HousingAndPerpetratorTests {
    @Test("Deadlines: a case opened within 24 hours of consent, contact within one working day")
    func deadlines() throws {
        // Given a report at 16:30 on Friday 22 August 2025 (August bank holiday on Monday 25)
        var c = Fixtures.standardCase(reportedAt: Timestamp.parse("2025-08-22T16:30:00+01:00")!)
        c.consent.handoffAt = Timestamp.parse("2025-08-22T17:00:00+01:00")
        let plan = try Fixtures.plan(c)
        let due = Dictionary(uniqueKeysWithValues: plan.deadlines.map { ($0.id, $0.due.description) })
        #expect(due["open_case"] == "2025-08-23T17:00:00+01:00")
        #expect(due["first_contact"] == "2025-08-26T16:30:00+01:00")
        #expect(due["emergency_repair"] == nil)
        #expect(plan.deadlines.allSatisfy { !$0.overdue })
        // Decided a week later, the deadlines are overdue
        let late = try decide(c, policy: Fixtures.crossKeys, now: Timestamp.parse("2025-08-29T09:00:00+01:00")!)
        #expect(late.deadlines.allSatisfy { $0.overdue })
    }

    @Test("Damage that leaves the victim unsafe: emergency repair within 24 hours, across the clocks going back")
    func emergencyRepair() throws {
        var c = Fixtures.standardCase(reportedAt: Timestamp.parse("2025-10-25T20:00:00+01:00")!)
        c.property.damageLeavesUnsafe = true
        let plan = try Fixtures.plan(c)
        #expect(plan.deadlines.first { $0.id == "emergency_repair" }?.due.description == "2025-10-26T19:00:00+00:00")
        #expect(plan.deadlines.first { $0.id == "first_contact" }?.due.description == "2025-10-28T00:00:00+00:00")
    }

    @Test("Homeless because of abuse: priority need, relief duty, no referral to an area of risk")
    func homeless() throws {
        var c = Fixtures.standardCase()
        c.channel = .homelessPresentation
        c.housing = Housing(wishes: .move, homeless: true, eligible: true)
        let plan = try Fixtures.plan(c)
        #expect(plan.housing.priorityNeed)
        #expect(plan.housing.duty == .relief)
        #expect(plan.housing.notes.contains { $0.rule == "ha1996.s189.priority_need" })
        #expect(plan.housing.notes.contains { $0.rule == "ha1996.s198.no_referral_at_risk" })
        #expect(plan.housing.options.map(\.id) == ["temporary_accommodation"])
    }

    @Test("Threatened with homelessness within 56 days: prevention duty")
    func threatened() throws {
        var c = Fixtures.standardCase()
        c.housing = Housing(wishes: .move, threatenedWithinDays: 30)
        let plan = try Fixtures.plan(c)
        #expect(plan.housing.duty == .prevention)
        #expect(!plan.housing.priorityNeed)
        #expect(plan.deadlines.first { $0.id == "homelessness_prevention" }?.due.description == "2025-04-29T10:00:00+01:00")
    }

    @Test("No recourse to public funds: specialist advice")
    func noRecourse() throws {
        var c = Fixtures.standardCase()
        c.victim.recourseToPublicFunds = false
        c.housing.homeless = true
        #expect(try Fixtures.plan(c).housing.notes.contains { $0.rule == "ha1996.s185.eligibility" })
    }

    @Test("A secure tenant keeps a secure tenancy on rehousing (s.79); an assured tenant is not promised one")
    func secureTenancy() throws {
        var c = Fixtures.standardCase()
        c.victim.tenure = .jointSecure
        let plan = try Fixtures.plan(c)
        #expect(plan.housing.secureTenancyOnRehousing)
        #expect(plan.housing.notes.contains { $0.rule == "daa2021.s79.secure_tenancy" })
        #expect(try !Fixtures.plan(Fixtures.standardCase()).housing.secureTenancyOnRehousing)
    }

    @Test("Possession against the perpetrator only after the victim has left")
    func victimLeftGuard() throws {
        var c = Fixtures.standardCase()
        let staying = try Fixtures.plan(c)
        let blocked = try #require(staying.perpetrator.first { $0.id == "ground_14a" })
        #expect(blocked.status == .blocked)
        #expect(blocked.reason?.contains("left") == true)
        c.property.victimLeft = true
        #expect(try Fixtures.plan(c).perpetrator.first { $0.id == "ground_14a" }?.status == .proposed)
    }

    @Test("Behaviour-change referral only once the victim's safety is resolved")
    func victimSafeGuard() throws {
        var c = Fixtures.standardCase()
        #expect(try Fixtures.plan(c).perpetrator.first { $0.id == "respect_programme" }?.status == .blocked)
        c.property.perpetratorLeft = true
        #expect(try Fixtures.plan(c).perpetrator.first { $0.id == "respect_programme" }?.status == .proposed)
        c.immediateDanger = true
        #expect(try Fixtures.plan(c).perpetrator.first { $0.id == "respect_programme" }?.status == .blocked)
    }

    @Test("Counter-allegation: identify the primary perpetrator; the victim is never the ASB perpetrator")
    func counterAllegation() throws {
        var c = Fixtures.standardCase()
        c.counterAllegation = true
        c.channel = .asbComplaint
        let plan = try Fixtures.plan(c)
        #expect(plan.perpetrator.first?.id == "identify_primary_perpetrator")
        #expect(plan.perpetrator.first?.status == .required)
        #expect(plan.actions.contains { $0.id == "victim_not_asb_perpetrator" })
    }

    @Test("Security measures come from the catalogue when their condition holds")
    func measures() throws {
        var c = Fixtures.standardCase()
        c.threats = [.arson]
        #expect(try Fixtures.plan(c).measures.map(\.id) == ["fireproof_letterbox", "door_chain"])
    }

    @Test("Helplines by audience, local ones only in their area, outdated numbers kept and flagged")
    func helplines() throws {
        let elsewhere = try Fixtures.plan(Fixtures.standardCase(area: "Peterborough"))
        #expect(elsewhere.helplines["victim"]?.map(\.name) == ["National Domestic Abuse Helpline"])
        #expect(elsewhere.helplines["perpetrator"]?.first?.number == "0808 802 4040")
        #expect(elsewhere.helplines["any"]?.first?.outdated != nil)
        let cambs = try Fixtures.plan(Fixtures.standardCase(area: "Cambridgeshire"))
        #expect(cambs.helplines["victim"]?.count == 2)
        #expect(Fixtures.crossKeys.warnings.contains { $0.contains("Samaritans") })
    }

    @Test("What may be addressed to the perpetrator carries nothing about the victim (invariant 2)")
    func perpetratorView() throws {
        // Given a high-risk case with safe times, an interpreter and a blocked possession action
        var c = Fixtures.standardCase(yes: 16)
        c.needs.interpreterLanguage = "Tigrinya"
        c.property.perpetratorLeft = true
        let plan = try Fixtures.plan(c)
        let view = plan.forPerpetrator
        // Then the view has only actions allowed now and perpetrator helplines
        #expect(view.actions.map(\.id) == ["respect_programme"])
        #expect(view.helplines.map(\.name) == ["Respect Phoneline", "Samaritans"])
        let text = String(decoding: try Plan.encoder().encode(view), as: UTF8.self)
        for secret in ["Tigrinya", "weekdays 10:00-12:00", "marac", "MARAC", "left", "idva"] {
            #expect(!text.contains(secret), "\(secret)")
        }
    }
}
