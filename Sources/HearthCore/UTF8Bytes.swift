/// Whether bytes are UTF-8, without making a string: ASCII (most text a council's systems hold) is checked a word at a
/// time, and only text with other bytes goes to the standard library's check.
public enum UTF8Bytes {
    /// Whether `bytes` are valid UTF-8.
    @inlinable
    public static func areValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        // Four words at a time for long texts (an event's payload), then one, then the last bytes.
        while index + 32 <= count {
            let words = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                | bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                | bytes.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                | bytes.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
            if words & high != 0 { return validated(bytes) }
            index += 32
        }
        while index + 8 <= count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & high != 0 { return validated(bytes) }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return validated(bytes) }
            index += 1
        }
        return true
    }

    /// The standard library's check, for text that is not all ASCII.
    @usableFromInline
    static func validated(_ bytes: UnsafeRawBufferPointer) -> Bool {
        String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) != nil
    }
}
