import Foundation
import HearthCore
import HearthStore
import Testing

@Suite("Canonical JSON writer: the exact bytes the store's encoder writes")
struct CanonicalJSONWriterTests {
    /// Nested objects and arrays, non-ASCII and mixed-case keys, strings that need escapes, and numbers of every kind.
    static let document = JSONValue.object([
        "id": .string("CRM-1"),
        "victim": .object(["age": .int(30), "gender": .string("F"), "tenant": .bool(false), "tenure": .null]),
        "behaviours": .array([.string("physical"), .string("coercive_control"), .array([]), .object([:])]),
        "escapes": .array([
            .string("said \"leave\""), .string("back\\slash"), .string("a/b/c"), .string("line\nbreak\r\ttab"),
            .string("\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}"), .string("emoji 🏠👩‍👧 and café"), .string(""),
        ]),
        "é": .string("non-ASCII key"), "日本": .string("東京"), "Z": .string("upper"), "a10": .int(10), "a9": .int(9),
        "🔑": .object(["ß": .int(1), "s": .int(2), "ž": .array([.int(-1), .int(0), .int(9_007_199_254_740_993)])]),
        "doubles": .array([
            .double(30), .double(-2), .double(0), .double(0.5), .double(-1.25), .double(123_456_789_012_345),
            .double(1.5e300), .double(1e-7), .double(123.456),
        ]),
        "ints": .array([.int(Int.max), .int(Int.min), .int(10), .int(-7)]),
    ])

    static let golden = #"{"Z":"upper","a10":10,"a9":9,"behaviours":["physical","coercive_control",[],{}],"#
        + #""doubles":[30,-2,0,0.5,-1.25,123456789012345,1.5e+300,1e-07,123.456],"#
        + #""escapes":["said \"leave\"","back\\slash","a/b/c","line\nbreak\r\ttab","\u0000\u0001\b\u000b\f\u001f"#
        + "\u{7f}\",\"emoji 🏠👩‍👧 and café\",\"\"],"
        + #""id":"CRM-1","ints":[9223372036854775807,-9223372036854775808,10,-7],"#
        + #""victim":{"age":30,"gender":"F","tenant":false,"tenure":null},"é":"non-ASCII key","日本":"東京","#
        + #""🔑":{"s":2,"ß":1,"ž":[-1,0,9007199254740993]}}"#

    @Test("Given a document with nested values, escapes and non-ASCII keys, when written, then the bytes are the golden bytes")
    func golden() {
        // Given
        var bytes: [UInt8] = []
        // When
        CanonicalJSONWriter.write(Self.document, to: &bytes)
        // Then
        #expect(String(decoding: bytes, as: UTF8.self) == Self.golden)
    }

    @Test("Given the same document, when written, then the bytes equal CanonicalJSON.encode's")
    func matchesEncoder() throws {
        // Given
        let encoded = try CanonicalJSON.encode(Self.document)
        var bytes: [UInt8] = []
        // When
        CanonicalJSONWriter.write(Self.document, to: &bytes)
        // Then
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
        #expect(Data(bytes) == encoded)
    }

    @Test("Given bytes already in the buffer, when a value is written, then it is appended after them")
    func appends() {
        // Given
        var bytes = Array("prefix ".utf8)
        // When
        CanonicalJSONWriter.write(.object(["b": .bool(true), "a": .string("x")]), to: &bytes)
        // Then
        #expect(String(decoding: bytes, as: UTF8.self) == #"prefix {"a":"x","b":true}"#)
    }

    @Test("Given scalar values and keys that differ only after a shared prefix, when written, then each matches the encoder")
    func scalarsAndPrefixes() throws {
        // Given
        let values: [JSONValue] = [
            .null, .bool(true), .bool(false), .int(0), .int(7), .int(-10), .double(2.5), .double(-3),
            .string("/"), .string("\u{2028}\u{2029}"), .string("tab\there"),
            .object(["ab": .int(1), "a": .int(2), "abc": .int(3), "b": .int(4), "A": .int(5), "_": .int(6), "a_b": .int(7)]),
        ]
        for value in values {
            var bytes: [UInt8] = []
            // When
            CanonicalJSONWriter.write(value, to: &bytes)
            // Then
            #expect(Data(bytes) == (try CanonicalJSON.encode(value)), "\(value)")
        }
    }

    @Test("Given strings of every length from 0 to 24 bytes with a character to escape at each position, as keys and values in flat documents and trees, when written, then each matches the encoder")
    func escapesInKeysAndFlatDocuments() throws {
        // Given: every length around the writer's eight-byte words, each special character at each position, and
        // a two-byte character straddling each word boundary
        var strings: [String] = []
        for length in 0...24 {
            strings.append(String(repeating: "a", count: length))
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "é"] {
                    var characters = Array(repeating: "b", count: length)
                    characters[position] = special
                    strings.append(characters.joined())
                }
            }
        }
        var arena = FlatJSON()
        for text in strings {
            let value = JSONValue.array([.string(text), .object([text.isEmpty ? "k" : text: .string(text)])])
            let root = arena.add(value)
            var tree: [UInt8] = []
            var flat: [UInt8] = []
            // When
            CanonicalJSONWriter.write(value, to: &tree)
            CanonicalJSONWriter.write(arena, root: root, to: &flat)
            // Then
            let expected = try CanonicalJSON.encode(value)
            #expect(Data(tree) == expected, "\(text.debugDescription)")
            #expect(Data(flat) == expected, "\(text.debugDescription)")
        }
    }

    @Test("Given whole doubles of 1e15 or more and negative zero, when written, then the bytes are the writer's own")
    func doublesOutsideTheIntegerRange() {
        // Given: values where the writer and JSONEncoder differ (JSONEncoder drops the ".0" and keeps the "-");
        // the writer's bytes are pinned as they are.
        let values: [(Double, String)] = [
            (1e15, "1000000000000000.0"), (-9_007_199_254_740_992, "-9007199254740992.0"), (1e16, "1e+16"),
            (-0.0, "0"), (999_999_999_999_999, "999999999999999"), (.infinity, "inf"), (.nan, "nan"),
        ]
        for (value, expected) in values {
            var bytes: [UInt8] = []
            // When
            CanonicalJSONWriter.write(.double(value), to: &bytes)
            // Then
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
        }
    }

    @Test("Given the same documents held flat, when written, then the bytes are the tree's, byte for byte")
    func flatMatchesTree() throws {
        // Given the golden document, scalars, prefixes, awkward doubles and the example cases, in one arena
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".json") }
        var values: [JSONValue] = [
            Self.document, .null, .bool(false), .int(-10), .double(2.5), .double(1e15), .double(-0.0), .double(.nan),
            .string("/\u{2028}\u{0}\"\\ é 🏠"), .array([]), .object([:]),
            .object(["ab": .int(1), "a": .int(2), "abcdefghij": .int(3), "abcdefghi": .int(4), "A": .int(5), "é": .int(6)]),
        ]
        values += try files.sorted().map { try JSONValue.parse(Data(contentsOf: examples.appendingPathComponent($0))) }
        var arena = FlatJSON()
        let roots = values.map { arena.add($0) }
        for (value, root) in zip(values, roots) {
            // When written both ways
            var tree: [UInt8] = Array("x".utf8)
            var flat: [UInt8] = Array("x".utf8)
            CanonicalJSONWriter.write(value, to: &tree)
            CanonicalJSONWriter.write(arena, root: root, to: &flat)
            // Then the bytes are the same
            #expect(flat == tree, "\(value.shortDescription)")
        }
    }

    @Test("Given a character that needs an escape at every position of strings up to 40 bytes, when written, then each matches the encoder")
    func escapesAtEveryPosition() throws {
        // Given: each escapable character (and a harmless one) at each position, among ASCII and multi-byte text
        let specials: [Character] = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", " ", "é"]
        for special in specials {
            for length in [1, 7, 8, 9, 15, 16, 17, 31, 40] {
                for position in 0..<length {
                    var text = String(repeating: "a", count: length)
                    let index = text.index(text.startIndex, offsetBy: position)
                    text.replaceSubrange(index...index, with: String(special))
                    var bytes: [UInt8] = []
                    // When
                    CanonicalJSONWriter.write(.string(text), to: &bytes)
                    // Then
                    #expect(Data(bytes) == (try CanonicalJSON.encode(JSONValue.string(text))), "\(special.debugDescription) at \(position) of \(length)")
                }
            }
        }
    }
}
