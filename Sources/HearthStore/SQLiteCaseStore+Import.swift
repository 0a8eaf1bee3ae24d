import Foundation
import GRDB
import HearthCore

/// Events built from JSON an import already holds in canonical form, with the facts the store needs,
/// so that appending a large import neither re-encodes nor decodes the payloads.
extension NewEvent {
    /// A case-opened event whose case document is already canonical JSON (sorted keys, no whitespace).
    /// - Parameters:
    ///   - caseJSON: The case document, canonical JSON; embedded in the payload as is.
    ///   - pluginID: The plugin the case is handled under (must not be empty).
    public static func caseOpened(
        caseID: String, at date: Date, recordedBy: String? = nil, caseJSON: [UInt8], pluginID: String,
        area: String? = nil, riskBand: String? = nil, externalID: String? = nil
    ) -> NewEvent {
        // Keys in sorted order: area, case, plugin_id, risk_band.
        var out: [UInt8] = []
        out.reserveCapacity(caseJSON.count + 96)
        out.append(UInt8(ascii: "{"))
        if let area {
            out.append(contentsOf: #""area":"#.utf8)
            CanonicalJSONWriter.writeString(area, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""case":"#.utf8)
        out.append(contentsOf: caseJSON)
        out.append(contentsOf: #","plugin_id":"#.utf8)
        CanonicalJSONWriter.writeString(pluginID, to: &out)
        if let riskBand {
            out.append(contentsOf: #","risk_band":"#.utf8)
            CanonicalJSONWriter.writeString(riskBand, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return NewEvent(
            caseID: caseID, kind: .caseOpened, at: date, recordedBy: recordedBy, payload: Data(out),
            externalID: externalID, facts: .opened(pluginID: pluginID, area: area, riskBand: riskBand))
    }

    /// An identification-signal event (a welfare-check flag), for a case or for a property without one.
    public static func identificationSignal(
        subject: String, at date: Date, recordedBy: String? = nil, propertyRef: String, signal: String,
        details: [String: String], externalID: String? = nil
    ) -> NewEvent {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: #"{"details":{"#.utf8)
        var first = true
        for key in details.keys.sorted() {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            CanonicalJSONWriter.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            CanonicalJSONWriter.writeString(details[key]!, to: &out)
        }
        out.append(contentsOf: #"},"property_ref":"#.utf8)
        CanonicalJSONWriter.writeString(propertyRef, to: &out)
        out.append(contentsOf: #","signal":"#.utf8)
        CanonicalJSONWriter.writeString(signal, to: &out)
        out.append(UInt8(ascii: "}"))
        return NewEvent(
            caseID: subject, kind: .identificationSignal, at: date, recordedBy: recordedBy, payload: Data(out),
            externalID: externalID, facts: .signal(propertyRef: propertyRef, signal: signal))
    }

    init(
        caseID: String, kind: EventKind, at: Date, recordedBy: String?, payload: Data, externalID: String?,
        facts: PayloadFacts?
    ) {
        self.caseID = caseID
        self.kind = kind
        self.at = at
        self.recordedBy = recordedBy
        self.payload = payload
        self.externalID = externalID
        self.facts = facts
    }
}

/// Writes JSON values in the store's canonical form (sorted keys, no whitespace, slashes unescaped),
/// byte for byte what ``CanonicalJSON/encode(_:)`` writes for the same value, without `JSONEncoder`.
public enum CanonicalJSONWriter {
    /// Appends `value` as canonical JSON to `out`.
    public static func write(_ value: HearthCore.JSONValue, to out: inout [UInt8]) {
        // A case document is a few hundred bytes: one allocation up front instead of one per doubling.
        if out.capacity - out.count < 512 { out.reserveCapacity(out.count + 1024) }
        writeValue(value, to: &out)
    }

    private static func writeValue(_ value: HearthCore.JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &out)
        case .bool(let b): append(b ? "true" : "false", to: &out)
        case .int(let i): writeInt(i, to: &out)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 {
                writeInt(Int(d), to: &out)
            } else {
                out.append(contentsOf: d.description.utf8)
            }
        case .string(let s): writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeValue(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            writeObject(fields, to: &out)
        }
    }

    /// Writes an object's members in the UTF-8 byte order of their keys. For ASCII keys that is also the order of
    /// Swift's `<`; it is the order `JSONEncoder` writes with `.sortedKeys`.
    private static func writeObject(_ fields: [String: HearthCore.JSONValue], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        let count = fields.count
        if count > 0 {
            withUnsafeTemporaryAllocation(of: (key: String, value: HearthCore.JSONValue).self, capacity: count) { members in
                // Each key's first eight bytes as one big-endian number, so most comparisons are one integer compare;
                // the sort moves only these and the members' positions.
                withUnsafeTemporaryAllocation(of: (prefix: UInt64, member: Int).self, capacity: count) { order in
                    var n = 0
                    for member in fields {
                        members.initializeElement(at: n, to: member)
                        order.initializeElement(at: n, to: (sortPrefix(member.key), n))
                        n += 1
                    }
                    // Insertion sort: objects are small.
                    var i = 1
                    while i < n {
                        let entry = order[i]
                        var j = i - 1
                        while j >= 0 {
                            let other = order[j]
                            let before = entry.prefix != other.prefix
                                ? entry.prefix < other.prefix
                                : members[entry.member].key.utf8.lexicographicallyPrecedes(members[other.member].key.utf8)
                            if !before { break }
                            order[j + 1] = other
                            j -= 1
                        }
                        order[j + 1] = entry
                        i += 1
                    }
                    for k in 0..<n {
                        if k > 0 { out.append(UInt8(ascii: ",")) }
                        let m = order[k].member
                        writeString(members[m].key, to: &out)
                        out.append(UInt8(ascii: ":"))
                        writeValue(members[m].value, to: &out)
                    }
                }
                _ = members.deinitialize()
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The first eight UTF-8 bytes of `key`, big-endian, zero-padded: ordering these orders the keys by bytes,
    /// except that keys with the same eight first bytes need a full comparison.
    @inline(__always)
    private static func sortPrefix(_ key: String) -> UInt64 {
        var prefix: UInt64 = 0
        var shift: UInt64 = 56
        for byte in key.utf8 {
            prefix |= UInt64(byte) << shift
            if shift == 0 { break }
            shift -= 8
        }
        return prefix
    }

    @inline(__always)
    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a JSON string literal, escaping as `JSONEncoder` does (but leaving `/` alone).
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            writeEscaped(bytes, to: &out)
            return true
        }
        if done == nil {
            writeEscaped(Array(s.utf8), to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the bytes of a string's contents, runs that need no escape in one copy.
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                i += 1
                continue
            }
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            out.append(92)
            switch byte {
            case UInt8(ascii: "\""): out.append(34)
            case UInt8(ascii: "\\"): out.append(92)
            case 0x0A: out.append(110)
            case 0x0D: out.append(114)
            case 0x09: out.append(116)
            case 0x08: out.append(98)
            case 0x0C: out.append(102)
            default:
                out.append(117); out.append(48); out.append(48)
                out.append(hexDigit(byte >> 4)); out.append(hexDigit(byte & 15))
            }
            i += 1
            start = i
        }
        if count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }

    private static func writeEscaped(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { writeEscaped($0, to: &out) }
    }

    @inline(__always)
    private static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 48 + n : 87 + n }

    /// Appends an integer's decimal digits.
    static func writeInt(_ value: Int, to out: inout [UInt8]) {
        if value >= 0 && value < 10 {
            out.append(UInt8(48 + value))
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            // Fill from the end so the digits are already in order.
            repeat {
                count += 1
                buffer[20 - count] = UInt8(48 + n % 10)
                n /= 10
            } while n > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }
}


extension SQLiteCaseStore {
    /// Appends an import's batch like ``appendBatch(_:source:)``, but rolls it back when `commit` is false,
    /// so a dry run meets every check the store would make (and sees what is already imported) and writes nothing.
    /// - Throws: ``StoreError/rejectedEvent(position:externalID:reason:)``; nothing is written.
    public func appendBatch(_ events: [NewEvent], source: String, commit: Bool) throws -> BatchResult {
        if commit { return try appendBatch(events, source: source) }
        guard !events.isEmpty else { return BatchResult(appended: [], skipped: []) }
        do {
            var result = BatchResult(appended: [], skipped: [])
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try EventAppender(db: db, source: source, skipDuplicates: true).append(events)
                    return .rollback
                }
            }
            return result
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }
}

extension SQLiteCaseStore {
    /// Readies the writer connection for a bulk import: a smaller page cache, so the importing process stays
    /// small whatever the input's size (every commit stays `synchronous = FULL`).
    /// - Throws: ``StoreError/database(_:)``.
    public func prepareForBulkImport(cacheKiB: Int) throws {
        try pragma("PRAGMA cache_size = -\(max(cacheKiB, 256))")
    }

    /// Restores the writer's usual page cache after a bulk import.
    /// - Throws: ``StoreError/database(_:)``.
    public func finishBulkImport() throws {
        try pragma("PRAGMA cache_size = -\(Self.writerCacheKiB)")
    }

    private func pragma(_ statements: String...) throws {
        do {
            try writer.writeWithoutTransaction { db in
                for statement in statements { try db.execute(sql: statement) }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }
}
