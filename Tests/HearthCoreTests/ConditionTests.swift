import Foundation
import Testing
@testable import HearthCore

@Suite("Conditions: a plugin's `when`")
struct ConditionTests {
    /// Whether a housing option with this condition is offered for the case.
    func offered(_ when: Condition, _ c: CaseFile) throws -> Bool {
        var policy = Fixtures.crossKeys
        policy.housingOptions = [HousingOption(id: "probe", name: "Probe", when: when)]
        return try Fixtures.plan(c, policy).housing.options.contains { $0.id == "probe" }
    }

    @Test("An empty condition always holds")
    func empty() throws {
        #expect(try offered(Condition(), Fixtures.standardCase()))
    }

    @Test("Every key given must hold; a list means any of")
    func allAndAny() throws {
        var c = Fixtures.standardCase(yes: 15, area: "Cambridgeshire")
        c.channel = .repairs
        c.threats = [.stalking]
        #expect(try offered(Condition(area: ["cambridgeshire"], channel: [.phone, .repairs]), c))
        #expect(try !offered(Condition(area: ["cambridgeshire"], channel: [.phone]), c))
        #expect(try offered(Condition(threats: [.arson, .stalking]), c))
        #expect(try offered(Condition(dashYes: [14, 15]), Fixtures.standardCase(yes: 14)))
        #expect(try !offered(Condition(dashYes: [15]), Fixtures.standardCase(yes: 14)))
        #expect(try offered(Condition(risk: [.high], marac: true), Fixtures.standardCase(yes: 14)))
        #expect(try offered(Condition(risk: [.standard, .medium], marac: false), Fixtures.standardCase(yes: 3)))
    }

    @Test("Area matches case-insensitively, and an unrecorded area matches no area condition")
    func area() throws {
        #expect(try offered(Condition(area: ["Cambridgeshire"]), Fixtures.standardCase(area: "CAMBRIDGESHIRE")))
        #expect(try !offered(Condition(area: ["cambridgeshire"]), Fixtures.standardCase(area: nil)))
    }

    @Test("Facts the core decided: within the Act, child victims, capacity")
    func decidedFacts() throws {
        var c = Fixtures.standardCase()
        #expect(try offered(Condition(withinAct: true), c))
        #expect(try !offered(Condition(childVictims: true), c))
        c.children = [Child(age: 2, relatedToVictim: true, relatedToPerpetrator: true, exposed: true)]
        #expect(try offered(Condition(children: true, childVictims: true), c))
        c.victim.hasCapacity = false
        #expect(try offered(Condition(hasCapacity: false), c))
    }

    @Test("An unknown fact never satisfies a condition on it")
    func unknownFacts() throws {
        var c = Fixtures.standardCase()
        c.victim.recourseToPublicFunds = nil
        c.perpetrator.livesWithVictim = nil
        #expect(try !offered(Condition(recourseToPublicFunds: false), c))
        #expect(try !offered(Condition(livesWithVictim: false), c))
        c.victim.recourseToPublicFunds = false
        #expect(try offered(Condition(recourseToPublicFunds: false), c))
    }

    @Test("A `when` table decodes single values and lists, and refuses unknown keys")
    func decoding() throws {
        let when = try JSONDecoder().decode(Condition.self, from: Data(#"{"risk": "high", "tenure": ["secure", "joint_secure"], "dash_yes": 15}"#.utf8))
        #expect(when == Condition(risk: [.high], dashYes: [15], tenure: [.secure, .jointSecure]))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Condition.self, from: Data(#"{"dash_yes": 25}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Condition.self, from: Data(#"{"risk": "severe"}"#.utf8)) }
    }
}
