import Foundation
import Testing
@testable import HearthImport

@Suite("CSV records read as bytes")
struct CSVRecordTests {
    /// A file with every shape the reader handles: a BOM, quotes, `""` escapes, embedded newlines, CRLF, blank
    /// lines, an empty last field, a ragged row, bytes that are not UTF-8 and a truncated quoted field at the end.
    static let tricky: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("""
        ref,name,notes\r
        R1,"Smith, Jo","said ""leave""\r
        now"\r
        \r
        R2,Ann,\r
        R3,Bo\r
        R4,\("é")lise,"ok"\r

        """.utf8) + Array("R5,".utf8) + [0xC3, 0x28] + Array(",x\nR6,\"never closed".utf8)

    @Test("Given a tricky file, when read as bytes, then every record, field and problem matches the string reader")
    func bytesMatchStrings() throws {
        // Given
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("tricky.csv").path
        FileManager.default.createFile(atPath: path, contents: Data(Self.tricky))
        let strings = try CSVRowSource(path: path)
        let bytes = try CSVRowSource(path: path)
        #expect(strings.header == ["ref", "name", "notes"] && bytes.header == strings.header)

        // When
        var expected: [InputRow] = []
        while let row = try strings.next() { expected.append(row) }
        var seen: [(Int, [String], [ImportProblem], [String])] = []
        while let record = try bytes.withNextRecord({ r in
            (r.number, r.fields.map { String(decoding: $0, as: UTF8.self) }, r.problems,
             CSVRowSource.fields(ofRecord: [UInt8](r.raw)))
        }) { seen.append(record) }

        // Then
        #expect(seen.count == expected.count && expected.count == 6)
        for (row, record) in zip(expected, seen) {
            #expect(record.0 == row.number)
            #expect(record.1 == row.fields, "row \(row.number)")
            #expect(record.2 == row.problems, "row \(row.number)")
        }
        #expect(seen[0].1 == ["R1", "Smith, Jo", "said \"leave\"\r\nnow"])
        #expect(seen[0].3 == seen[0].1, "the raw record splits back into the same fields")
        #expect(seen[1].1 == ["R2", "Ann", ""])
        #expect(seen[2].2.map(\.message) == ["has 2 fields, the header has 3"])
        #expect(seen[3].1[1] == "élise")
        #expect(seen[4].2.first?.field == "name" && seen[4].1[1] == "", "a field that is not UTF-8 is named and handed over empty")
        #expect(seen[4].3[1] == "\u{FFFD}(", "the rejects file shows the bad bytes with a replacement character")
        #expect(seen[5].2.contains { $0.message.contains("truncated") })
    }

    @Test("Given raw records, when split for the rejects file, then quotes, escapes and empty fields come back")
    func splittingRawRecords() {
        #expect(CSVRowSource.fields(ofRecord: Array("a,\"b,c\",\"d \"\"e\"\"\",,".utf8)) == ["a", "b,c", "d \"e\"", "", ""])
        #expect(CSVRowSource.fields(ofRecord: []) == [""])
        #expect(CSVRowSource.fields(ofRecord: Array("\"unclosed,x".utf8)) == ["unclosed,x"])
    }
}
