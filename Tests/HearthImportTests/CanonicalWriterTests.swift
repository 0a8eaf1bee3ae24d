import Foundation
import HearthCore
import HearthStore
import Testing

@Suite("The import's canonical JSON writer")
struct CanonicalWriterTests {
    @Test("Given a case document, when written, then the bytes are what the store's encoder writes")
    func matchesEncoder() throws {
        let document = JSONValue.object([
            "id": .string("CRM-1"), "victim": .object(["age": .int(30), "gender": .string("F")]),
            "behaviours": .array([.string("physical"), .string("coercive_control")]),
            "notes": .string("said \"leave\"\nthen\tleft \\ back/forth \u{1}"), "zero": .int(0), "negative": .int(-12345),
            "big": .int(9_007_199_254_740_993), "flag": .bool(true), "nothing": .null, "empty": .object([:]),
            "list": .array([]), "é": .string("café"), "Z": .string("upper"),
        ])
        var bytes: [UInt8] = []
        CanonicalJSONWriter.write(document, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try CanonicalJSON.encode(document), as: UTF8.self))
    }
}
