import Foundation
import Testing
@testable import HearthCore

@Suite("Bad input: every problem listed by JSON path, nothing guessed")
struct CaseValidationTests {
    func problems(_ json: String) -> [String] {
        do {
            _ = try CaseFile.parse(json: Data(json.utf8))
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static let valid = """
    {
      "id": "c-1", "reported_at": "2025-03-04T10:00:00+00:00", "channel": "phone", "immediate_danger": false,
      "victim": {"age": 30}, "perpetrator": {"relationship": "spouse"}, "behaviours": ["physical"]
    }
    """

    @Test("A minimal valid case parses")
    func minimal() throws {
        let c = try CaseFile.parse(json: Data(Self.valid.utf8))
        #expect(c.id == "c-1")
        #expect(c.victim.hasCapacity)
        #expect(c.consent.handoff == .notAsked)
    }

    @Test("Every problem in one case is listed with its path")
    func everyProblem() {
        let found = problems("""
        {
          "id": "c-2", "reported_at": "2025-03-04T10:00:00", "channel": "fax", "immediate_danger": "no",
          "victim": {"age": -3}, "perpetrator": {"relationship": "neighbour"}, "behaviours": ["physical", "shouting"],
          "dash": {"answers": {"1": "yes", "2": "maybe", "25": "yes"}},
          "children": [{"age": 4, "related_to_victim": true, "related_to_perpetrator": false, "exposed": "yes"}]
        }
        """)
        #expect(found.contains("reported_at: expected ISO 8601 with an offset (e.g. \"2025-03-04T10:00:00+00:00\"), found \"2025-03-04T10:00:00\""))
        #expect(found.contains { $0.hasPrefix("channel: expected one of phone | in_person") && $0.hasSuffix("found \"fax\"") })
        #expect(found.contains("immediate_danger: expected true or false, found \"no\""))
        #expect(found.contains("victim.age: expected an integer from 0 to 130, found -3"))
        #expect(found.contains { $0.hasPrefix("perpetrator.relationship: expected one of spouse") })
        #expect(found.contains { $0.hasPrefix("behaviours[1]: expected one of physical") && $0.hasSuffix("found \"shouting\"") })
        #expect(found.contains("dash.answers.2: expected one of yes | no | unknown, found \"maybe\""))
        #expect(found.contains("dash.answers.25: unknown DASH question (1–24)"))
        #expect(found.contains("children[0].exposed: expected true or false, found \"yes\""))
        #expect(found.count == 9)
    }

    @Test("Missing required fields are named with what is expected")
    func missing() {
        let found = problems("{\"id\": \"c-3\"}")
        #expect(found.contains { $0.hasPrefix("reported_at: required field is missing") })
        #expect(found.contains { $0.hasPrefix("victim: required field is missing") })
        #expect(found.contains { $0.hasPrefix("behaviours: required field is missing") })
    }

    @Test("Unknown keys are errors that list the allowed names")
    func unknownKeys() {
        let json = Self.valid.replacingOccurrences(of: "{\"age\": 30}", with: "{\"age\": 30, \"agee\": 31}")
        let found = problems(json)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("victim.agee: unknown field 'agee' (did you mean 'age'?); allowed fields are age, gender") == true)
    }

    @Test("Near misses get a suggestion")
    func suggestions() {
        let json = Self.valid.replacingOccurrences(of: "\"phone\"", with: "\"in-person\"")
        #expect(problems(json).first?.hasSuffix("found \"in-person\" (did you mean \"in_person\"?)") == true)
        #expect(CaseValidator.suggestion(for: "relationshp", among: CaseValidator.fields["perpetrator"]!) == "relationship")
        #expect(CaseValidator.suggestion(for: "xyz", among: CaseValidator.fields["perpetrator"]!) == nil)
    }

    @Test("Wrong types are named")
    func wrongTypes() {
        let json = Self.valid.replacingOccurrences(of: "{\"age\": 30}", with: "{\"age\": \"thirty\"}")
            .replacingOccurrences(of: "[\"physical\"]", with: "\"physical\"")
        let found = problems(json)
        #expect(found.contains("victim.age: expected an integer from 0 to 130, found \"thirty\""))
        #expect(found.contains("behaviours: expected a list, found \"physical\""))
        let numberForBool = Self.valid.replacingOccurrences(of: "\"immediate_danger\": false", with: "\"immediate_danger\": 1")
        #expect(problems(numberForBool) == ["immediate_danger: expected true or false, found 1"])
        let fraction = Self.valid.replacingOccurrences(of: "{\"age\": 30}", with: "{\"age\": 30.5}")
        #expect(problems(fraction) == ["victim.age: expected an integer from 0 to 130, found 30.5"])
    }

    @Test("A letter to an address marked unsafe is refused, not guessed around")
    func unsafeLetter() {
        let json = Self.valid.replacingOccurrences(of: "\"behaviours\"", with: "\"contact\": {\"safe_method\": \"letter\", \"address_safe\": false}, \"behaviours\"")
        #expect(problems(json).first?.hasPrefix("contact.safe_method: letter needs a safe address") == true)
    }

    @Test("Not JSON at all")
    func notJSON() {
        #expect(problems("{").first?.hasPrefix("$: not valid JSON") == true)
    }

    @Test("A tree from Lua validates exactly as JSON does")
    func tree() {
        let value: JSONValue = .object([
            "id": .string("lua-1"), "reported_at": .string("2025-03-04T10:00:00Z"), "channel": .string("repairs"),
            "immediate_danger": .bool(false), "victim": .object(["age": .double(40)]),
            "perpetrator": .object(["relationship": .string("relative")]), "behaviours": .array([.string("economic")]),
            "dash": .object(["yes_count": .int(25)]),
        ])
        guard case .failure(let error) = CaseFile.validate(value) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.problems.map(\.description) == ["dash.yes_count: expected an integer from 0 to 24, found 25"])
    }

    @Test("An empty Lua table reads as an empty list or an empty object, whichever the field needs")
    func emptyLuaTables() throws {
        let value: JSONValue = .object([
            "id": .string("lua-2"), "reported_at": .string("2025-03-04T10:00:00Z"), "channel": .string("phone"),
            "immediate_danger": .bool(false), "victim": .object(["age": .int(40)]),
            "perpetrator": .object(["relationship": .string("spouse")]), "behaviours": .object([:]),
            "children": .object([:]), "needs": .array([]), "consent": .object(["referrals": .array([]), "lawful_basis": .object([:])]),
            "dash": .object(["answers": .array([])]),
        ])
        let c = try CaseFile.validate(value).get()
        #expect(c.behaviours.isEmpty && c.children.isEmpty && c.consent.referrals.isEmpty)
        #expect(c.dash == .answers([:]))
    }

    @Test("A case survives encoding and decoding")
    func roundTrip() throws {
        var c = Fixtures.standardCase(yes: 12)
        c.children = [Child(age: 3, relatedToVictim: true, relatedToPerpetrator: false, exposed: true)]
        c.consent.lawfulBasis = [RecordedBasis(basis: .legalDuty, reason: "court order", recordedBy: "A. Jones")]
        c.lastMaracReferral = LocalDate.parse("2024-12-01")
        let data = try JSONEncoder().encode(c)
        #expect(try CaseFile.parse(json: data) == c)
        #expect(try JSONDecoder().decode(CaseFile.self, from: data) == c)
    }

    @Test("Every example in docs/examples validates")
    func examples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("docs/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 4)
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            do {
                let c = try CaseFile.parse(json: data)
                let plan = try decide(c, policy: Fixtures.crossKeys, now: c.reportedAt)
                #expect(Invariants.check(plan: plan, case: c).isEmpty, "\(file)")
            } catch {
                Issue.record("\(file): \(error)")
            }
        }
    }

    @Test("The JSON Schema names exactly the fields the validator allows")
    func schemaMatchesValidator() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("docs/case.schema.json"))) as? [String: Any])
        func unwrap(_ node: Any?) -> [String: Any]? {
            guard var dict = node as? [String: Any] else { return nil }
            if let options = dict["anyOf"] as? [[String: Any]], let first = options.first(where: { ($0["type"] as? String) != "null" }) { dict = first }
            if (dict["type"] as? String) == "array", let items = dict["items"] as? [String: Any] { return unwrap(items) }
            return dict
        }
        func properties(_ node: [String: Any]?) -> Set<String> { Set(((node?["properties"]) as? [String: Any])?.keys ?? [:].keys) }
        #expect(properties(schema) == Set(CaseValidator.caseKeys))
        for (path, allowed) in CaseValidator.fields {
            var node: [String: Any]? = schema
            for part in path.split(separator: ".") { node = unwrap((node?["properties"] as? [String: Any])?[String(part)]) }
            #expect(properties(node) == Set(allowed), "\(path)")
        }
    }
}
