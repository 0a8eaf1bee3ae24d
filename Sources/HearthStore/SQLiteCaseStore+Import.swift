import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif
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
        caseOpened(caseID: caseID, at: date, recordedBy: recordedBy, pluginID: pluginID, area: area, riskBand: riskBand,
                   externalID: externalID) { sink in caseJSON.withUnsafeBufferPointer { sink.bytes($0) } }
    }

    /// A case-opened event for a case document held in a `FlatJSON` arena (already validated), written in canonical
    /// form straight into the payload.
    /// - Parameters:
    ///   - case: The arena holding the case document.
    ///   - root: The case document's root in the arena.
    ///   - pluginID: The plugin the case is handled under (must not be empty).
    public static func caseOpened(
        caseID: String, at date: Date, recordedBy: String? = nil, case arena: FlatJSON, root: FlatJSON.Index,
        pluginID: String, area: String? = nil, riskBand: String? = nil, externalID: String? = nil
    ) -> NewEvent {
        arena.withUnsafeView { view in
            caseOpened(caseID: caseID, at: date, recordedBy: recordedBy, pluginID: pluginID, area: area, riskBand: riskBand,
                       externalID: externalID) { $0.write(view, root) }
        }
    }

    private static func caseOpened(
        caseID: String, at date: Date, recordedBy: String?, pluginID: String, area: String?, riskBand: String?,
        externalID: String?, writeCase: (inout ByteSink) -> Void
    ) -> NewEvent {
        // The whole payload in one buffer on the stack (moved to the heap only if it outgrows it), then one copy.
        let out = ByteSink.onStack(capacity: 4096) { sink -> Data in
            // Keys in sorted order: area, case, plugin_id, risk_band.
            sink.byte(UInt8(ascii: "{"))
            if let area {
                sink.literal(#""area":"#)
                sink.string(area)
                sink.byte(UInt8(ascii: ","))
            }
            sink.literal(#""case":"#)
            writeCase(&sink)
            sink.literal(#","plugin_id":"#)
            sink.string(pluginID)
            if let riskBand {
                sink.literal(#","risk_band":"#)
                sink.string(riskBand)
            }
            sink.byte(UInt8(ascii: "}"))
            return Data(bytes: sink.base, count: sink.count)
        }
        return NewEvent(
            caseID: caseID, kind: .caseOpened, at: date, recordedBy: recordedBy, payload: out,
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
    public static func write(_ value: JSONValue, to out: inout [UInt8]) {
        // Written into a stack buffer (moved to the heap only if the document outgrows it), then appended at once.
        ByteSink.onStack(capacity: 2048) { sink in
            sink.write(value)
            sink.append(to: &out)
        }
    }

    /// Appends the document at `root` of `arena` as canonical JSON to `out`: the bytes ``write(_:to:)`` writes for
    /// the same value as a tree.
    public static func write(_ arena: FlatJSON, root: FlatJSON.Index, to out: inout [UInt8]) {
        arena.withUnsafeView { view in
            ByteSink.onStack(capacity: 2048) { sink in
                sink.write(view, root)
                sink.append(to: &out)
            }
        }
    }

    /// Appends a JSON string literal, escaping as `JSONEncoder` does (but leaving `/` alone).
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        ByteSink.onStack(capacity: 256) { sink in
            sink.string(s)
            sink.append(to: &out)
        }
    }

    /// Appends an integer's decimal digits.
    static func writeInt(_ value: Int, to out: inout [UInt8]) {
        ByteSink.onStack(capacity: 32) { sink in
            sink.int(value)
            sink.append(to: &out)
        }
    }
}

/// A growable byte buffer that starts in caller-provided (stack) memory; the canonical writer's output.
private struct ByteSink {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int
    var onHeap = false

    init(_ initial: UnsafeMutableBufferPointer<UInt8>) {
        base = initial.baseAddress!
        capacity = initial.count
    }

    mutating func releaseHeap() {
        if onHeap { base.deallocate() }
    }

    /// Runs `body` with a sink that starts in `capacity` bytes on the stack, and frees whatever it moved to the heap.
    static func onStack<R>(capacity: Int, _ body: (inout ByteSink) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { stack in
            var sink = ByteSink(stack)
            defer { sink.releaseHeap() }
            return body(&sink)
        }
    }

    /// Appends what the sink holds to `out`.
    func append(to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @inline(never)
    mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if onHeap { base.deallocate() }
        base = newBase
        capacity = newCapacity
        onHeap = true
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func bytes(_ p: UnsafeBufferPointer<UInt8>) {
        guard let source = p.baseAddress, p.count > 0 else { return }
        reserve(p.count)
        (base + count).update(from: source, count: p.count)
        count += p.count
    }

    @inline(__always)
    mutating func literal(_ text: StaticString) {
        bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: literal("null")
        case .bool(let b): if b { literal("true") } else { literal("false") }
        case .int(let i): int(i)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 {
                int(Int(d))
            } else {
                var text = d.description
                text.withUTF8 { bytes($0) }
            }
        case .string(let s): string(s)
        case .array(let items):
            byte(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { byte(UInt8(ascii: ",")) }
                first = false
                write(item)
            }
            byte(UInt8(ascii: "]"))
        case .object(let fields):
            object(fields)
        }
    }

    mutating func write(_ view: FlatJSON.UnsafeView, _ node: FlatJSON.Index) {
        switch view.kind(node) {
        case .null: literal("null")
        case .bool: if view.bool(node) { literal("true") } else { literal("false") }
        case .int: int(view.int(node))
        case .double: write(.double(view.double(node)))
        case .string:
            byte(UInt8(ascii: "\""))
            escaped(view.string(node).assumingMemoryBound(to: UInt8.self))
            byte(UInt8(ascii: "\""))
        case .list:
            byte(UInt8(ascii: "["))
            for k in 0..<view.count(node) {
                if k > 0 { byte(UInt8(ascii: ",")) }
                write(view, view.child(node, at: k))
            }
            byte(UInt8(ascii: "]"))
        case .object:
            object(view, node)
        }
    }

    /// Writes a flat object's members in the UTF-8 byte order of their keys, as ``object(_:)`` does.
    mutating func object(_ view: FlatJSON.UnsafeView, _ node: FlatJSON.Index) {
        byte(UInt8(ascii: "{"))
        let count = view.count(node)
        if count > 0 {
            typealias Entry = (prefix: UInt64, index: Int)
            withUnsafeTemporaryAllocation(of: Entry.self, capacity: count) { order in
                for n in 0..<count { order.initializeElement(at: n, to: (Self.sortPrefix(view.key(node, at: n)), n)) }
                Self.sort(order) { view.key(node, at: $0).lexicographicallyPrecedes(view.key(node, at: $1)) }
                for k in 0..<count {
                    if k > 0 { byte(UInt8(ascii: ",")) }
                    byte(UInt8(ascii: "\""))
                    escaped(view.key(node, at: order[k].index).assumingMemoryBound(to: UInt8.self))
                    byte(UInt8(ascii: "\""))
                    byte(UInt8(ascii: ":"))
                    write(view, view.child(node, at: order[k].index))
                }
            }
        }
        byte(UInt8(ascii: "}"))
    }

    /// Sorts members by their keys' first eight bytes, and members whose keys share them by `precedes` on their
    /// positions. Insertion sort: objects are small.
    @inline(__always)
    static func sort(_ order: UnsafeMutableBufferPointer<(prefix: UInt64, index: Int)>, tieBreak precedes: (Int, Int) -> Bool) {
        var i = 1
        while i < order.count {
            let entry = order[i]
            var j = i - 1
            while j >= 0 {
                let other = order[j]
                let before = entry.prefix != other.prefix ? entry.prefix < other.prefix : precedes(entry.index, other.index)
                if !before { break }
                order[j + 1] = other
                j -= 1
            }
            order[j + 1] = entry
            i += 1
        }
    }

    /// The first eight bytes of a key, big-endian, zero-padded, as for a `String` key.
    @inline(__always)
    static func sortPrefix(_ key: UnsafeRawBufferPointer) -> UInt64 {
        if key.count >= 8 { return UInt64(bigEndian: key.loadUnaligned(as: UInt64.self)) }
        var prefix: UInt64 = 0
        for i in 0..<key.count { prefix |= UInt64(key[i]) << UInt64(56 - 8 * i) }
        return prefix
    }

    /// Writes an object's members in the UTF-8 byte order of their keys. For ASCII keys that is also the order of
    /// Swift's `<`; it is the order `JSONEncoder` writes with `.sortedKeys`.
    mutating func object(_ fields: JSONObject) {
        byte(UInt8(ascii: "{"))
        let count = fields.count
        if count > 0 {
            typealias Entry = (prefix: UInt64, index: Int)
            // Each key's first eight bytes as one big-endian number, so most comparisons are one integer compare;
            // the sort moves only these and the members' positions.
            withUnsafeTemporaryAllocation(of: Entry.self, capacity: count) { order in
                for n in 0..<count { order.initializeElement(at: n, to: (Self.sortPrefix(fields[n].key), n)) }
                Self.sort(order) { fields[$0].key.utf8.lexicographicallyPrecedes(fields[$1].key.utf8) }
                for k in 0..<count {
                    if k > 0 { byte(UInt8(ascii: ",")) }
                    let field = fields[order[k].index]
                    string(field.key)
                    byte(UInt8(ascii: ":"))
                    write(field.value)
                }
            }
        }
        byte(UInt8(ascii: "}"))
    }

    /// The first eight UTF-8 bytes of `key`, big-endian, zero-padded: ordering these orders the keys by bytes,
    /// except that keys with the same eight first bytes need a full comparison.
    @inline(__always)
    static func sortPrefix(_ key: String) -> UInt64 {
        let quick: UInt64? = key.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            if bytes.count >= 8 { return UInt64(bigEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) }
            var prefix: UInt64 = 0
            for i in 0..<bytes.count { prefix |= UInt64(bytes[i]) << UInt64(56 - 8 * i) }
            return prefix
        }
        if let quick { return quick }
        var prefix: UInt64 = 0
        var shift: UInt64 = 56
        for byte in key.utf8 {
            prefix |= UInt64(byte) << shift
            if shift == 0 { break }
            shift -= 8
        }
        return prefix
    }

    /// A JSON string literal, escaping as `JSONEncoder` does (but leaving `/` alone).
    mutating func string(_ s: String) {
        byte(UInt8(ascii: "\""))
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            escaped(bytes)
            return true
        }
        if done == nil {
            Array(s.utf8).withUnsafeBufferPointer { escaped($0) }
        }
        byte(UInt8(ascii: "\""))
    }

    /// A string's contents, escaped where JSON needs it.
    ///
    /// Most strings need no escape: they are copied whole first and then checked eight bytes at a time, the last
    /// word padded past the end with letters in the sink's spare room. Only a string with something to escape is
    /// written again, a byte at a time.
    @inline(__always)
    mutating func escaped(_ source: UnsafeBufferPointer<UInt8>) {
        let n = source.count
        guard n > 0, let from = source.baseAddress else { return }
        reserve(n + 8)
        let to = UnsafeMutableRawPointer(base + count)
        to.copyMemory(from: from, byteCount: n)
        to.storeBytes(of: 0x6161_6161_6161_6161 as UInt64, toByteOffset: n, as: UInt64.self)
        var i = 0
        while i < n {
            if Self.mayNeedEscape(to.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                escapedByByte(source)
                return
            }
            i += 8
        }
        count += n
    }

    /// A string's contents, runs that need no escape copied whole.
    @inline(never)
    mutating func escapedByByte(_ source: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var i = 0
        let count = source.count
        guard let base = source.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while i < count {
            // Eight bytes at a time while none of them needs an escape.
            while i + 8 <= count, !Self.mayNeedEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
            guard i < count else { break }
            let b = source[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            if i > start { bytes(UnsafeBufferPointer(rebasing: source[start..<i])) }
            byte(92)
            switch b {
            case UInt8(ascii: "\""): byte(34)
            case UInt8(ascii: "\\"): byte(92)
            case 0x0A: byte(110)
            case 0x0D: byte(114)
            case 0x09: byte(116)
            case 0x08: byte(98)
            case 0x0C: byte(102)
            default:
                byte(117); byte(48); byte(48)
                byte(Self.hexDigit(b >> 4)); byte(Self.hexDigit(b & 15))
            }
            i += 1
            start = i
        }
        if count > start { bytes(UnsafeBufferPointer(rebasing: source[start..<count])) }
    }

    @inline(__always)
    static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 48 + n : 87 + n }

    /// Whether any of eight bytes is a control character, a quotation mark or a backslash: never false when one is
    /// (the word tricks for finding a zero byte, and a byte under 0x20).
    @inline(__always)
    static func mayNeedEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (w &- ones &* 0x20) & ~w & highs
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let quotes = (quote &- ones) & ~quote & highs
        let backslashes = (backslash &- ones) & ~backslash & highs
        return control | quotes | backslashes != 0
    }

    /// An integer's decimal digits.
    mutating func int(_ value: Int) {
        if value >= 0 && value < 10 {
            byte(UInt8(48 + value))
            return
        }
        reserve(20)
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var n = value.magnitude
        var digits = 0
        var m = n
        repeat { digits += 1; m /= 10 } while m > 0
        var at = count + digits - 1
        repeat {
            base[at] = UInt8(48 + n % 10)
            n /= 10
            at -= 1
        } while n > 0
        count += digits
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
    /// small whatever the input's size, and, for a first load into a store that holds no events yet, a rollback
    /// journal instead of the write-ahead log. Every commit stays `synchronous = FULL`.
    ///
    /// With the write-ahead log every page is written twice, once to the log and again when it is copied into the
    /// database; a rollback journal keeps only the old content of pages a transaction changes, and a first load
    /// mostly adds new pages, so each is written once. If another connection has the store open the switch is
    /// refused and the import keeps the log. A crash leaves a journal that SQLite rolls back on the next open.
    /// - Returns: Whether the import runs on a rollback journal.
    /// - Throws: ``StoreError/database(_:)``.
    @discardableResult
    public func prepareForBulkImport(cacheKiB: Int) throws -> Bool {
        try pragma("PRAGMA cache_size = -\(max(cacheKiB, 256))")
        guard writer is DatabasePool else { return false }
        do {
            return try writer.writeWithoutTransaction { db in
                guard try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)")! else { return false }
                // Another connection in use answers "locked" at once rather than after the busy timeout.
                sqlite3_busy_timeout(db.sqliteConnection, 0)
                defer { sqlite3_busy_timeout(db.sqliteConnection, Int32(Self.busyTimeout * 1000)) }
                do {
                    let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = TRUNCATE")
                    return mode?.lowercased() == "truncate"
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                    return false
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }

    /// After a committed batch of a first load (``prepareForBulkImport(cacheKiB:)`` returned true): when the batch
    /// read back (almost) nothing that SQLite's own page cache did not hold, asks the system to drop the store
    /// file's pages from its page cache. They are written and synced, and a load that only appends does not read
    /// them again; otherwise a million-case load leaves about a gigabyte in the system's cache, pushing out what
    /// other programs use, and on a virtual machine whose host hands memory back lazily each new page of that cache
    /// costs about as much as writing it (docs/performance.md, bulk import).
    ///
    /// A batch that read more than `events / 100` pages back from the file (keys that arrive out of order land all
    /// over the indexes) stops the releases for the rest of the load: from then on the system's cache serves those
    /// reads. `state` carries this between the batches of one load.
    public func releaseWrittenPages(afterBatchOf events: Int, _ state: inout PageRelease) {
        guard !state.stopped else { return }
        let misses = writer.writeWithoutTransaction { db in
            var current: Int32 = 0
            var highest: Int32 = 0
            // Pages SQLite read from the file since the last call (new pages are not counted); reset to zero.
            sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_MISS, &current, &highest, 1)
            return current
        }
        state.readBack += Int(misses)
        if state.batches > 0 && Int(misses) > max(16, events / 100) {
            state.stopped = true
            return
        }
        state.batches += 1
        #if canImport(Glibc)
        let file = Glibc.open(writer.path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return }
        defer { Glibc.close(file) }
        if posix_fadvise(file, 0, 0, Int32(POSIX_FADV_DONTNEED)) == 0 { state.released += 1 }
        #endif
    }

    /// Restores the writer's usual page cache and, when ``prepareForBulkImport(cacheKiB:)`` left it, the
    /// write-ahead log.
    /// - Throws: ``StoreError/database(_:)``.
    public func finishBulkImport() throws {
        try pragma("PRAGMA cache_size = -\(Self.writerCacheKiB)")
        guard writer is DatabasePool else { return }
        do {
            try writer.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() != "wal" {
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }

    /// The journal the writer uses: `wal`, `truncate`, `memory` ….
    /// - Throws: ``StoreError/database(_:)``.
    public func journalMode() throws -> String {
        do {
            // Through the writer: opening a reader just to ask would keep one more connection on the file.
            return try writer.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
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

/// What ``SQLiteCaseStore/releaseWrittenPages(afterBatchOf:_:)`` keeps between the batches of one first load.
public struct PageRelease: Sendable {
    /// Batches after which the store's pages were dropped from the system's page cache.
    public internal(set) var released = 0
    /// Pages SQLite read back from the file over the load.
    public internal(set) var readBack = 0
    /// Whether a batch read back enough to stop the releases (or ``stop()`` was called).
    public internal(set) var stopped = false
    var batches = 0

    public init() {}

    /// Keeps the store's pages in the system's cache for the rest of the load.
    public mutating func stop() { stopped = true }
}
