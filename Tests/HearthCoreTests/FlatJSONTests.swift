import Foundation
import Testing
@testable import HearthCore

/// A case held in a `FlatJSON` arena validates exactly as the same case held as a `JSONValue` tree.
@Suite("Flat JSON documents: the same values, and validated exactly as trees")
struct FlatJSONTests {
    /// The example cases in `docs/examples`, each a valid case.
    static func examples() throws -> [JSONValue] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Every document the message tests pin, and the examples.
    static func corpus() throws -> [JSONValue] {
        [ValidationMessagesTests.manyProblems] + ValidationMessagesTests.cases.map(\.0) + (try examples())
            + [.null, .int(3), .string("a case"), .array([]), .object([:])]
    }

    @Test("Given many documents in one arena, when read back, then each is the value that was added")
    func roundTrip() throws {
        // Given every document of the corpus added to one arena, one after another
        var arena = FlatJSON()
        let corpus = try Self.corpus()
        let roots = corpus.map { arena.add($0) }
        // When each is read back, then it equals the original (objects compare by their fields, in any order)
        for (value, root) in zip(corpus, roots) {
            #expect(arena.value(root) == value)
        }
        #expect(arena.nodeCount > corpus.count * 5)
    }

    @Test("Given every document the message tests pin and the examples, when validated flat and as trees, then the results are identical")
    func sameValidation() throws {
        // Given the corpus in one arena, with an unrelated document between each two
        var arena = FlatJSON()
        let corpus = try Self.corpus()
        var roots: [FlatJSON.Index] = []
        for value in corpus {
            roots.append(arena.add(value))
            _ = arena.add(.object(["noise": .array([.string("x"), .int(1)])]))
        }
        var valid = 0
        for (value, root) in zip(corpus, roots) {
            // When validated both ways
            let tree = CaseFile.validate(value)
            let flat = CaseFile.validate(arena, root: root)
            // Then the same case, or the same problems in the same order
            switch (tree, flat) {
            case (.success(let a), .success(let b)):
                #expect(a == b)
                valid += 1
            case (.failure(let a), .failure(let b)):
                #expect(a.problems == b.problems)
            default:
                Issue.record("tree gave \(tree), flat gave \(flat) for \(value.shortDescription)")
            }
        }
        #expect(valid == (try Self.examples().count))
    }

    @Test("Given whole doubles, strings with escapes and non-ASCII keys, when added and read, then nothing changes kind or bytes")
    func kindsAndBytes() {
        // Given
        var arena = FlatJSON()
        let text = "line\n\"quoted\" caf\u{65}\u{301} 🏠"
        let root = arena.add(.object([
            "é": .double(2.0), "half": .double(0.5), "big": .int(Int.max), "neg": .int(Int.min), "text": .string(text),
            "empty": .string(""), "no": .bool(false), "nothing": .null, "list": .array([.object([:]), .array([])]),
        ]))
        // When, then
        #expect(arena.kind(root) == .object)
        #expect(arena.member("é", in: root).flatMap(arena.doubleValue) == 2.0)
        #expect(arena.member("half", in: root).flatMap(arena.doubleValue) == 0.5)
        #expect(arena.member("big", in: root).flatMap(arena.intValue) == Int.max)
        #expect(arena.member("neg", in: root).flatMap(arena.intValue) == Int.min)
        #expect(arena.member("text", in: root).flatMap(arena.stringValue) == text)
        #expect(arena.member("empty", in: root).flatMap(arena.stringValue) == "")
        #expect(arena.member("no", in: root).flatMap(arena.boolValue) == false)
        #expect(arena.member("nothing", in: root).map(arena.kind) == .null)
        #expect(arena.member("missing", in: root) == nil)
        let list = arena.member("list", in: root)!
        #expect(arena.count(list) == 2)
        #expect(arena.kind(arena.child(list, at: 0)) == .object && arena.kind(arena.child(list, at: 1)) == .list)
        #expect(arena.shortDescription(list) == "a list")
        #expect(arena.shortDescription(arena.member("no", in: root)!) == "false")
    }

    @Test("Given an object, when a member is taken out, then the rest stay and validation no longer sees it")
    func removeMember() {
        // Given a valid case with an external id beside it
        var arena = FlatJSON()
        var fields = ValidationMessagesTests.base
        fields["external_id"] = .string("CRM-1")
        let root = arena.add(.object(JSONObject(fields)))
        #expect(CaseFile.validate(arena, root: root).isFailure)
        // When the external id is taken out
        let taken = arena.removeMember("external_id", from: root)
        // Then it is returned, the others remain, and the case is valid
        #expect(taken.flatMap(arena.stringValue) == "CRM-1")
        #expect(arena.member("external_id", in: root) == nil)
        #expect(arena.count(root) == ValidationMessagesTests.base.count)
        #expect(arena.value(root) == .object(JSONObject(ValidationMessagesTests.base)))
        #expect(!CaseFile.validate(arena, root: root).isFailure)
        #expect(arena.removeMember("external_id", from: root) == nil)
    }

    @Test("Given an arena and a copy of it, when either is changed, then the other keeps what it held")
    func copiesAreValues() {
        // Given an arena holding one object, and a copy
        var first = FlatJSON()
        let root = first.add(.object(["id": .string("A"), "external_id": .string("X-1")]))
        var second = first
        // When the copy gains a document and loses a member, and the first gains another document
        let added = second.add(.array([.int(1), .string(String(repeating: "b", count: 5_000))]))
        _ = second.removeMember("external_id" as StaticString, from: root)
        let other = first.add(.string("only in the first"))
        // Then each holds its own: the first still has both members, and neither sees the other's documents
        #expect(first.value(root) == .object(["id": .string("A"), "external_id": .string("X-1")]))
        #expect(second.value(root) == .object(["id": .string("A")]))
        #expect(second.value(added) == .array([.int(1), .string(String(repeating: "b", count: 5_000))]))
        #expect(first.stringValue(other) == "only in the first")
        #expect(first.nodeCount == 4 && second.nodeCount == 6)
        #expect(first.byteCount < second.byteCount)
    }

    @Test("Given every enumeration, when a raw value is looked up by its bytes, then it is what init(rawValue:) gives")
    func enumerationBytes() {
        func check<E: CaseNames & Equatable>(_: E.Type) {
            let texts = E.allCases.map(\.rawValue) + E.allCases.map { $0.rawValue.uppercased() }
                + ["", "x", String(repeating: "a", count: 40), "caf\u{65}\u{301}", "caf\u{E9}"]
            for text in texts {
                var copy = text
                let found = copy.withUTF8 { E.named(utf8: UnsafeRawBufferPointer($0)) }
                #expect(found == E(rawValue: text), "\(E.self) '\(text)'")
            }
        }
        check(Channel.self); check(Tenure.self); check(Relationship.self); check(Behaviour.self); check(Threat.self)
        check(DashAnswer.self); check(HandoffConsent.self); check(PartnerConsent.self); check(LawfulBasis.self)
        check(HousingWish.self); check(ContactMethod.self)
    }
}

private extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
