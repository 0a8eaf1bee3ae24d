import Testing
@testable import HearthCore

@Suite("Safe contact and communication needs")
struct ContactTests {
    @Test("Every contact step carries the agreed safe method, times and needs")
    func carried() throws {
        var c = Fixtures.standardCase(yes: 15)
        c.needs = Needs(interpreterLanguage: "Polish", bsl: false, disability: "partially sighted", other: ["prefers a female officer"])
        let plan = try Fixtures.plan(c)
        #expect(plan.contact.method == .phone)
        #expect(plan.contact.times == "weekdays 10:00-12:00")
        #expect(plan.contact.interpreterLanguage == "Polish")
        #expect(plan.contact.notes.contains { $0.contains("Polish") })
        #expect(plan.contact.notes.contains("do not leave voicemail"))
        #expect(plan.contact.notes.contains("prefers a female officer"))
        #expect(!plan.deadlines.isEmpty && plan.deadlines.allSatisfy { $0.contact == plan.contact })
        #expect(!plan.referrals.isEmpty && plan.referrals.allSatisfy { $0.contact == plan.contact })
    }

    @Test("BSL is surfaced")
    func bsl() throws {
        var c = Fixtures.standardCase()
        c.needs.bsl = true
        let plan = try Fixtures.plan(c)
        #expect(plan.contact.bsl)
        #expect(plan.contact.notes.contains { $0.contains("British Sign Language") })
    }

    @Test("A letter is never proposed to an address not confirmed safe")
    func letter() throws {
        var c = Fixtures.standardCase()
        c.contact = Contact(safeMethod: .letter, addressSafe: nil)
        let plan = try Fixtures.plan(c)
        #expect(plan.contact.method == nil)
        #expect(plan.contact.notes.contains { $0.contains("address is confirmed safe") })
        c.contact = Contact(safeMethod: .letter, addressSafe: true)
        #expect(try Fixtures.plan(c).contact.method == .letter)
    }

    @Test("No contact arrangements recorded: the plan asks to agree them, and proposes no method")
    func noContact() throws {
        var c = Fixtures.standardCase()
        c.contact = nil
        let plan = try Fixtures.plan(c)
        #expect(plan.contact.method == nil)
        #expect(plan.contact.notes.first?.contains("safest time, place and method") == true)
    }

    @Test("In person when the home is not safe: meet elsewhere")
    func inPerson() throws {
        var c = Fixtures.standardCase()
        c.contact = Contact(safeMethod: .inPerson, addressSafe: false)
        #expect(try Fixtures.plan(c).contact.notes.contains { $0.contains("away from the home") })
    }
}
