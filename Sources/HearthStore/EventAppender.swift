import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Appends events after the chain tip inside one write transaction.
struct EventAppender {
    let db: Database
    let source: String?
    let skipDuplicates: Bool

    func append(_ events: [NewEvent]) throws -> BatchResult {
        var tipSeq: Int64 = 0
        var tipHash = AuditChain.genesisHash
        if let tip = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") {
            tipSeq = tip[0]
            tipHash = tip[1]
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
            try projector.preload(events.lazy.map(\.caseID))
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        var appended: [StoredEvent] = []
        appended.reserveCapacity(events.count)
        var skipped: [SkippedEvent] = []

        for (position, event) in events.enumerated() {
            do {
                if let externalID = event.externalID, externalID.isEmpty {
                    throw StoreError.invalidEvent(field: "external_id", reason: "must not be empty when given")
                }
                guard event.payload.first == UInt8(ascii: "{"),
                      let payloadText = Self.text(event.payload) else {
                    throw StoreError.invalidPayload(kind: event.kind, reason: "the payload must be a JSON object in UTF-8")
                }
                let seq = tipSeq + 1
                let atMillis = event.at.storeMillis
                let hash = AuditChain.hash(
                    seq: seq, caseID: event.caseID, kind: event.kind.rawValue, atMillis: atMillis,
                    recordedBy: event.recordedBy, payload: payloadText, source: source, externalID: event.externalID,
                    prevHash: tipHash, buffer: &buffer)
                let row = EventRow(
                    seq: seq, caseID: event.caseID, kind: event.kind.rawValue, atMillis: atMillis,
                    recordedBy: event.recordedBy, payload: payloadText, source: source, externalID: event.externalID,
                    hash: hash, prevHash: tipHash)
                if let externalID = event.externalID {
                    // The unique index on (source, external id) finds a duplicate while inserting; no lookup first.
                    if try !row.insert(with: insertUnlessImported, in: db) {
                        let existing = try Int64.fetchOne(findExternal, arguments: [source ?? "", externalID]) ?? 0
                        guard skipDuplicates else {
                            throw StoreError.duplicateExternalID(source: source, externalID: externalID, existingSeq: existing)
                        }
                        skipped.append(SkippedEvent(position: position, externalID: externalID, existingSeq: existing))
                        continue
                    }
                } else {
                    _ = try row.insert(with: insert, in: db)
                }
                // Checked after the insert so a skipped duplicate is never judged; a refusal rolls everything back.
                try projector.admit(
                    caseID: event.caseID, kind: event.kind, atMillis: atMillis, payload: event.payload,
                    facts: event.facts, seq: seq)
                appended.append(StoredEvent(
                    seq: seq, caseID: event.caseID, kind: event.kind, at: Date(storeMillis: atMillis),
                    recordedBy: event.recordedBy, payload: event.payload, source: source,
                    externalID: event.externalID, hash: hash, prevHash: tipHash))
                tipSeq = seq
                tipHash = hash
            } catch let error as StoreError {
                throw StoreError.rejectedEvent(position: position, externalID: event.externalID, reason: error)
            }
        }
        try projector.flush()
        if !appended.isEmpty {
            try db.execute(sql: """
                INSERT INTO chain_head (id, seq, hash) VALUES (1, ?, ?)
                ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                """, arguments: [tipSeq, tipHash])
        }
        return BatchResult(appended: appended, skipped: skipped)
    }

    /// The payload as text when it is valid UTF-8 (validated over its bytes: the generic `Data` path is several
    /// times slower, which large imports feel).
    static func text(_ payload: Data) -> String? {
        payload.withUnsafeBytes { raw in
            String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self)
        }
    }
}

/// One row of the events table, inserted by binding straight to SQLite.
///
/// The append path runs once per event in large imports; binding through GRDB's argument arrays costs more
/// than the insert itself, so the prepared statement is bound and stepped through SQLite's C API.
private struct EventRow {
    var seq: Int64
    var caseID: String
    var kind: String
    var atMillis: Int64
    var recordedBy: String?
    var payload: String
    var source: String?
    var externalID: String?
    var hash: String
    var prevHash: String

    /// Runs `statement` (an insert of the event columns in order) with this row; false when it inserted nothing.
    func insert(with statement: Statement, in db: Database) throws -> Bool {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, seq)
        Self.bind(caseID, to: handle, at: 2)
        Self.bind(kind, to: handle, at: 3)
        sqlite3_bind_int64(handle, 4, atMillis)
        Self.bind(recordedBy, to: handle, at: 5)
        Self.bind(payload, to: handle, at: 6)
        Self.bind(source, to: handle, at: 7)
        Self.bind(externalID, to: handle, at: 8)
        Self.bind(hash, to: handle, at: 9)
        Self.bind(prevHash, to: handle, at: 10)
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static func bind(_ value: String?, to handle: SQLiteStatement, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
                }
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, transient)
            }
        }
    }
}
