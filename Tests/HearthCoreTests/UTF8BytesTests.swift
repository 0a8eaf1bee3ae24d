import HearthCore
import Testing

@Suite("UTF-8 check on bytes")
struct UTF8BytesTests {
    @Test("Given ASCII, accented and broken text of every length up to 80 bytes, when checked, then the answer is the standard library's at every position of the broken byte")
    func agreesWithTheStandardLibrary() {
        // Given texts long enough for each of the check's loops (four words, one word, single bytes)
        let ascii = Array(String(repeating: "SO50 9YN|", count: 10).utf8)
        for length in 0...80 {
            let plain = Array(ascii.prefix(length))
            // When all ASCII, then valid
            #expect(plain.withUnsafeBytes(UTF8Bytes.areValid))
            guard length > 0 else { continue }
            for position in 0..<length {
                // When a two-byte letter ends the text from this position, then valid
                var accented = plain
                accented.replaceSubrange(position..<length, with: Array("é".utf8))
                #expect(accented.withUnsafeBytes(UTF8Bytes.areValid))
                // When a byte that cannot start UTF-8 is here, then invalid
                var broken = plain
                broken[position] = 0xFF
                #expect(!broken.withUnsafeBytes(UTF8Bytes.areValid), "0xFF at \(position) of \(length)")
                // When a multi-byte sequence is cut short here, then invalid
                var cut = plain
                cut[position] = 0xC3
                let expected = String(validating: cut, as: UTF8.self) != nil
                #expect(cut.withUnsafeBytes(UTF8Bytes.areValid) == expected, "0xC3 at \(position) of \(length)")
            }
        }
    }
}
