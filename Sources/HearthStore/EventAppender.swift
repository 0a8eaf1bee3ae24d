import Foundation
import GRDB
import HearthCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Appends events after the chain tip inside one write transaction.
///
/// The loop runs once per event in large imports, so it works on bytes: the payload is bound from the event's
/// `Data` and hashed in place, and the hashes are written as hex into two fixed buffers (the tip's and the new
/// event's) instead of a `String` per event. Stored events are only built when the caller asks for them.
struct EventAppender {
    let db: Database
    let source: String?
    let skipDuplicates: Bool

    /// What a batch wrote: the events themselves only when they were asked for.
    struct Outcome {
        var appended: [StoredEvent] = []
        var appendedCount = 0
        var skipped: [SkippedEvent] = []
    }

    /// Appends the events and returns them as stored.
    func append(_ events: [NewEvent]) throws -> BatchResult {
        let outcome = try run(events, keepEvents: true)
        return BatchResult(appended: outcome.appended, skipped: outcome.skipped)
    }

    /// Appends the events and returns only how many were written and which were skipped.
    func appendCounting(_ events: [NewEvent]) throws -> ImportBatchResult {
        let outcome = try run(events, keepEvents: false)
        return ImportBatchResult(appended: outcome.appendedCount, skipped: outcome.skipped)
    }

    private func run(_ events: [NewEvent], keepEvents: Bool) throws -> Outcome {
        var tipSeq: Int64 = 0
        var tipHashText = AuditChain.genesisHash
        if let tip = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") {
            tipSeq = tip[0]
            tipHashText = tip[1]
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO events (\(SQLiteCaseStore.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertUnlessImported = try db.cachedStatement(sql: """
            INSERT INTO events (\(SQLiteCaseStore.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ifnull(source, ''), external_id) WHERE external_id IS NOT NULL DO NOTHING
            """)
        let findExternal = try db.cachedStatement(
            sql: "SELECT seq FROM events WHERE ifnull(source, '') = ? AND external_id = ?")
        var projector = CaseProjector(db)
        if events.count > 16 {
            // A case opened in the batch is checked by its insert; only the other events' cases are read ahead.
            var caseIDs: [String] = []
            for index in events.indices where events[index].kind != .caseOpened {
                caseIDs.append(events[index].caseID)
            }
            if !caseIDs.isEmpty { try projector.preload(caseIDs) }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        var outcome = Outcome()
        if keepEvents { outcome.appended.reserveCapacity(events.count) }

        // The tip's hash as stored, then two 64-byte halves that take turns holding the hash being computed.
        let initialTip = Array(tipHashText.utf8)
        let hashes = UnsafeMutableRawBufferPointer.allocate(
            byteCount: 2 * AuditChain.hexLength + initialTip.count, alignment: 8)
        defer { hashes.deallocate() }
        UnsafeMutableRawBufferPointer(rebasing: hashes[(2 * AuditChain.hexLength)...]).copyBytes(from: initialTip)
        var tipHash = UnsafeRawBufferPointer(rebasing: hashes[(2 * AuditChain.hexLength)...])
        var nextHalf = 0
        func half(_ index: Int) -> UnsafeMutableRawBufferPointer {
            UnsafeMutableRawBufferPointer(
                rebasing: hashes[(index * AuditChain.hexLength)..<((index + 1) * AuditChain.hexLength)])
        }
        sqlite3_reset(insert.sqliteStatement)
        sqlite3_reset(insertUnlessImported.sqliteStatement)

        // The batch position of each appended event, by seq, to name an event refused after its turn.
        let firstSeq = tipSeq + 1
        var appendedPositions: [Int] = []
        appendedPositions.reserveCapacity(events.count)
        do {
            try events.withUnsafeBufferPointer { list in
                for position in list.indices {
                    do {
                        if let externalID = list[position].externalID, externalID.isEmpty {
                            throw StoreError.invalidEvent(field: "external_id", reason: "must not be empty when given")
                        }
                        let seq = tipSeq + 1
                        let atMillis = list[position].at.storeMillis
                        let newHash = half(nextHalf)
                        let inserted = try list[position].payload.withUnsafeBytes { payload in
                            guard payload.first == UInt8(ascii: "{"), UTF8Bytes.areValid(payload) else {
                                throw StoreError.invalidPayload(
                                    kind: list[position].kind, reason: "the payload must be a JSON object in UTF-8")
                            }
                            let kind = list[position].kind.rawValue
                            AuditChain.hashHex(
                                seq: seq, caseID: list[position].caseID, kind: kind, atMillis: atMillis,
                                recordedBy: list[position].recordedBy, payload: payload, source: source,
                                externalID: list[position].externalID, prevHash: tipHash, buffer: &buffer, into: newHash)
                            let statement = list[position].externalID == nil ? insert : insertUnlessImported
                            // With an external id, the unique index on (source, external id) finds a duplicate while
                            // inserting; no lookup first.
                            return try Self.insertEvent(
                                with: statement, in: db, seq: seq, caseID: list[position].caseID, kind: kind,
                                atMillis: atMillis, recordedBy: list[position].recordedBy, payload: payload,
                                source: source, externalID: list[position].externalID,
                                hash: UnsafeRawBufferPointer(newHash), prevHash: tipHash)
                        }
                        if !inserted, let externalID = list[position].externalID {
                            let existing = try Int64.fetchOne(findExternal, arguments: [source ?? "", externalID]) ?? 0
                            guard skipDuplicates else {
                                throw StoreError.duplicateExternalID(source: source, externalID: externalID, existingSeq: existing)
                            }
                            outcome.skipped.append(SkippedEvent(position: position, externalID: externalID, existingSeq: existing))
                            continue
                        }
                        // Checked after the insert so a skipped duplicate is never judged; a refusal rolls everything back.
                        appendedPositions.append(position)
                        try projector.admit(
                            caseID: list[position].caseID, kind: list[position].kind, atMillis: atMillis,
                            payload: list[position].payload, facts: list[position].facts, seq: seq)
                        if keepEvents {
                            let hashText = String(decoding: UnsafeRawBufferPointer(newHash), as: UTF8.self)
                            outcome.appended.append(StoredEvent(
                                seq: seq, caseID: list[position].caseID, kind: list[position].kind,
                                at: Date(storeMillis: atMillis), recordedBy: list[position].recordedBy,
                                payload: list[position].payload, source: source, externalID: list[position].externalID,
                                hash: hashText, prevHash: tipHashText))
                            tipHashText = hashText
                        }
                        outcome.appendedCount += 1
                        tipSeq = seq
                        tipHash = UnsafeRawBufferPointer(newHash)
                        nextHalf = 1 - nextHalf
                    } catch let error as StoreError {
                        // An earlier event refused while its case was queued comes first.
                        try projector.settle()
                        throw StoreError.rejectedEvent(position: position, externalID: list[position].externalID, reason: error)
                    }
                }
            }
            try projector.flush()
        } catch let refusal as CaseProjector.EarlierRefusal {
            let position = appendedPositions[Int(refusal.seq - firstSeq)]
            throw StoreError.rejectedEvent(
                position: position, externalID: events[position].externalID, reason: refusal.error)
        }
        if outcome.appendedCount > 0 {
            try db.execute(sql: """
                INSERT INTO chain_head (id, seq, hash) VALUES (1, ?, ?)
                ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                """, arguments: [tipSeq, String(decoding: tipHash, as: UTF8.self)])
        }
        return outcome
    }

    /// Runs `statement` (an insert of the event columns in order) with one event; false when it inserted nothing.
    ///
    /// Binding through GRDB's argument arrays costs more than the insert itself, so the prepared statement is
    /// bound and stepped through SQLite's C API.
    private static func insertEvent(
        with statement: Statement, in db: Database, seq: Int64, caseID: String, kind: String, atMillis: Int64,
        recordedBy: String?, payload: UnsafeRawBufferPointer, source: String?, externalID: String?,
        hash: UnsafeRawBufferPointer, prevHash: UnsafeRawBufferPointer
    ) throws -> Bool {
        let handle = statement.sqliteStatement
        sqlite3_bind_int64(handle, 1, seq)
        SQLiteBinding.bind(caseID, to: handle, at: 2)
        SQLiteBinding.bind(kind, to: handle, at: 3)
        sqlite3_bind_int64(handle, 4, atMillis)
        SQLiteBinding.bind(recordedBy, to: handle, at: 5)
        SQLiteBinding.bind(bytes: payload, to: handle, at: 6)
        SQLiteBinding.bind(source, to: handle, at: 7)
        SQLiteBinding.bind(externalID, to: handle, at: 8)
        SQLiteBinding.bind(bytes: hash, to: handle, at: 9)
        SQLiteBinding.bind(bytes: prevHash, to: handle, at: 10)
        try SQLiteBinding.run(statement, in: db)
        return sqlite3_changes(db.sqliteConnection) > 0
    }
}

/// Binding values to prepared statements and running them through SQLite's C API, for the per-event paths.
///
/// Text is bound as a copy (`SQLITE_TRANSIENT`): SQLite keeps each parameter's buffer between runs, so after the
/// first row a copy is a `memcpy`, and no binding outlives the memory it came from.
enum SQLiteBinding {
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    static func bind(_ value: String?, to handle: SQLiteStatement, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in bind(bytes: UnsafeRawBufferPointer(bytes), to: handle, at: index) }
    }

    /// Binds UTF-8 bytes as text.
    static func bind(bytes: UnsafeRawBufferPointer, to handle: SQLiteStatement, at index: Int32) {
        if let base = bytes.baseAddress {
            _ = sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
        } else {
            _ = sqlite3_bind_text(handle, index, "", 0, transient)
        }
    }

    static func bind(_ value: Int64?, to handle: SQLiteStatement, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    static func bind(_ value: Int?, to handle: SQLiteStatement, at index: Int32) {
        bind(value.map(Int64.init), to: handle, at: index)
    }

    static func bind(_ value: Bool?, to handle: SQLiteStatement, at index: Int32) {
        bind(value.map { $0 ? Int64(1) : 0 }, to: handle, at: index)
    }

    /// Steps a statement that returns no rows, then resets it.
    /// - Throws: `DatabaseError` with SQLite's message.
    static func run(_ statement: Statement, in db: Database) throws {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }
}
