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
        switch value {
        case .null: out.append(contentsOf: [110, 117, 108, 108])
        case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .int(let i): writeInt(i, to: &out)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 {
                out.append(contentsOf: String(Int64(d)).utf8)
            } else {
                out.append(contentsOf: "\(d)".utf8)
            }
        case .string(let s): writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            var first = true
            // UTF-8 byte order is code point order, which is how `<` orders the ASCII keys of a case;
            // other keys take the byte comparison.
            let keys = fields.keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
                ? fields.keys.sorted() : fields.keys.sorted(by: utf8Less)
            for key in keys {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(fields[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON string literal, escaping as `JSONEncoder` does (but leaving `/` alone).
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: bytes)
                return true
            }
            return false
        }
        if done == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, 110])
            case 0x0D: out.append(contentsOf: [92, 114])
            case 0x09: out.append(contentsOf: [92, 116])
            case 0x08: out.append(contentsOf: [92, 98])
            case 0x0C: out.append(contentsOf: [92, 102])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

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
            repeat {
                buffer[count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    private static func utf8Less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// What an import batch wrote: counts and skipped positions, without the stored events.
public struct ImportBatchResult: Sendable, Hashable {
    /// How many events were written (or, in a dry run, would have been).
    public var appended: Int
    /// The events left out because their external id was already stored, in batch order.
    public var skipped: [SkippedEvent]

    /// Creates an import batch result.
    public init(appended: Int, skipped: [SkippedEvent]) {
        self.appended = appended
        self.skipped = skipped
    }
}

extension SQLiteCaseStore {
    /// Appends an import's batch like ``appendBatch(_:source:)``, but rolls it back when `commit` is false,
    /// so a dry run meets every check the store would make (and sees what is already imported) and writes nothing.
    /// - Throws: ``StoreError/rejectedEvent(position:externalID:reason:)``; nothing is written.
    public func appendBatch(_ events: [NewEvent], source: String, commit: Bool) throws -> BatchResult {
        if commit { return try appendBatch(events, source: source) }
        guard !events.isEmpty else { return BatchResult(appended: [], skipped: []) }
        return try inImportTransaction(commit: false) { db in
            try EventAppender(db: db, source: source, skipDuplicates: true).append(events)
        }
    }

    /// Appends an import's batch in one transaction, all or nothing, and returns only what a bulk import needs:
    /// how many events were written and which were skipped. The same checks, hash chain, idempotency and
    /// projections as ``appendBatch(_:source:commit:)``, without building a ``StoredEvent`` per event.
    ///
    /// An event whose external id is already stored for `source` (or appears earlier in the batch) is skipped
    /// and listed in ``ImportBatchResult/skipped`` with its 0-based position; any refused event rolls the whole
    /// batch back. With `commit` false the batch is checked and rolled back (a dry run): the result says what
    /// would have been written.
    /// - Throws: ``StoreError/rejectedEvent(position:externalID:reason:)`` naming the first refused event;
    ///   ``StoreError/database(_:)``. Nothing is written.
    public func importBatch(_ events: [NewEvent], source: String, commit: Bool = true) throws -> ImportBatchResult {
        guard !events.isEmpty else { return ImportBatchResult(appended: 0, skipped: []) }
        return try inImportTransaction(commit: commit) { db in
            try EventAppender(db: db, source: source, skipDuplicates: true).appendCounting(events)
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction, committed or rolled back.
    private func inImportTransaction<T>(commit: Bool, _ body: (Database) throws -> T) throws -> T {
        do {
            if commit { return try writer.write(body) }
            var result: T?
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .rollback
                }
            }
            return result!
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
