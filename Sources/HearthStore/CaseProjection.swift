import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// One row of the `cases` projection being worked on inside a write transaction.
private struct CaseRow {
    var id: String
    var status: CaseState.Status
    var openedAt: Int64
    var openedSeq: Int64
    var pluginID: String
    var area: String?
    var riskBand: String?
    var marac: Bool?
    var nextDeadline: Int64?
    var closedAt: Int64?
    var outcome: String?
    var closureReason: String?
    var eventCount: Int
    var lastSeq: Int64
    var lastEventAt: Int64

    var isDirty = false
    var newPlan: (deadlines: [PlannedDeadline], referrals: [PlannedReferral])?
    var sentReferrals: [(seq: Int64, partner: String, kind: String, consent: String)] = []
    /// Referrals of the stored plan to mark as sent (those of a plan made in this transaction are marked in `newPlan`).
    var sentMarks: [(partner: String, kind: String)] = []
}

/// Checks each event against the case it belongs to and keeps the projections in step, within one transaction.
///
/// Rows are loaded once per case and written once per transaction, so a batch touching a case many times
/// costs one read and one write for it. A case opened in the transaction is inserted at once: its insert is what
/// finds an id already taken, so opening many cases (an import) reads nothing first.
struct CaseProjector {
    private let db: Database
    private var rows: [String: CaseRow?] = [:]
    private var signals: [PropertySignal] = []

    init(_ db: Database) {
        self.db = db
    }

    /// The kinds that may still be recorded once a case is closed.
    static let allowedWhenClosed: Set<EventKind> = [
        .consentRecorded, .informationShared, .noteAdded, .caseReopened, .identificationSignal,
    ]

    /// Checks an event and applies it to the projection.
    /// - Parameter facts: What the payload says, when the caller had it typed; decoded from `payload` otherwise.
    /// - Throws: ``StoreError`` when the event is not allowed for its case or its payload is invalid.
    mutating func admit(
        caseID: String, kind: EventKind, atMillis: Int64, payload: Data, facts knownFacts: PayloadFacts?, seq: Int64
    ) throws {
        guard !caseID.isEmpty else { throw StoreError.invalidEvent(field: "case_id", reason: "must not be empty") }
        let facts = try knownFacts ?? PayloadFacts.decode(kind: kind, payload: payload)
        try facts.check()
        if case .signal(let propertyRef, let signal) = facts {
            let isProperty = PropertySubject.isProperty(caseID)
            signals.append(PropertySignal(
                seq: seq, propertyRef: propertyRef, signal: signal, caseID: isProperty ? nil : caseID,
                at: Date(storeMillis: atMillis)))
            if isProperty { return }
        } else if PropertySubject.isProperty(caseID) {
            throw StoreError.invalidEvent(
                field: "case_id",
                reason: "'\(caseID)' names a property, and only identification signals can be recorded for a property without a case")
        }

        if case .opened(let pluginID, let area, let riskBand) = facts {
            try open(caseID, pluginID: pluginID, area: area, riskBand: riskBand, atMillis: atMillis, seq: seq)
            return
        }
        let existing = try load(caseID)
        guard var row = existing else { throw StoreError.caseNotFound(caseID) }
        if row.status == .closed && !Self.allowedWhenClosed.contains(kind) {
            if kind == .caseClosed {
                throw StoreError.caseAlreadyClosed(
                    id: caseID, closedAt: Date(storeMillis: row.closedAt ?? row.lastEventAt), outcome: row.outcome ?? "")
            }
            throw StoreError.caseClosed(id: caseID, kind: kind)
        }
        switch facts {
        case .closed(let outcome, let reason):
            row.status = .closed
            row.closedAt = atMillis
            row.outcome = outcome
            row.closureReason = reason
        case .reopened:
            guard row.status == .closed else { throw StoreError.caseNotClosed(caseID) }
            row.status = .open
            row.closedAt = nil
            row.outcome = nil
            row.closureReason = nil
        case .decision(let riskBand, let marac, let deadlines, let referrals):
            row.riskBand = riskBand ?? row.riskBand
            row.marac = marac ?? row.marac
            row.nextDeadline = deadlines.map(\.due.storeMillis).min()
            row.newPlan = (deadlines, referrals)
            row.sentMarks = []
        case .referralSent(let partner, let kind, let consent):
            row.sentReferrals.append((seq, partner, kind, consent))
            if var plan = row.newPlan {
                for index in plan.referrals.indices
                where plan.referrals[index].partner == partner && plan.referrals[index].kind == kind {
                    plan.referrals[index].status = "sent"
                }
                row.newPlan = plan
            } else {
                row.sentMarks.append((partner, kind))
            }
        case .opened, .consent, .informationShared, .signal, .other:
            break
        }
        row.eventCount += 1
        row.lastSeq = seq
        row.lastEventAt = atMillis
        row.isDirty = true
        rows[caseID] = row
    }

    /// A case opened in this transaction whose row is not written yet.
    private struct PendingOpen {
        var caseID: String
        var pluginID: String
        var area: String?
        var riskBand: String?
        var atMillis: Int64
        var seq: Int64
    }

    /// A refusal found for an earlier event than the one being admitted: an opened case whose id turned out
    /// to be taken when its row was written with others.
    struct EarlierRefusal: Error {
        /// The refused event.
        var seq: Int64
        var error: StoreError
    }

    /// Opened cases written by one statement; fewer, larger inserts cost SQLite much less per row.
    private static let openChunk = 32
    private static let insertOpenedColumns = """
        INSERT INTO cases (id, status, opened_at, opened_seq, plugin_id, area, risk_band, event_count,
                           last_seq, last_event_at) VALUES
        """
    private static let insertOpenedRow = "(?, 'open', ?, ?, ?, ?, ?, 1, ?, ?)"
    /// The inserts of one and of ``openChunk`` opened cases, built once (the statement cache is keyed by the text).
    private static let insertOpened = [1, openChunk].map { count in
        insertOpenedColumns + Array(repeating: insertOpenedRow, count: count).joined(separator: ", ")
            + " ON CONFLICT (id) DO NOTHING"
    }
    private var pendingOpens: [PendingOpen] = []

    /// Queues the projection row of a case opened by event `seq`; it is written with others (see ``settle()``).
    /// - Throws: ``StoreError/caseAlreadyExists(id:openedAt:)`` when the id is known to be taken;
    ///   ``EarlierRefusal`` when writing the queue finds an earlier opened case's id taken.
    private mutating func open(
        _ caseID: String, pluginID: String, area: String?, riskBand: String?, atMillis: Int64, seq: Int64
    ) throws {
        let cached = rows.isEmpty ? nil : rows[caseID]
        if case .some(.some(let existing)) = cached {
            throw StoreError.caseAlreadyExists(id: caseID, openedAt: Date(storeMillis: existing.openedAt))
        }
        pendingOpens.append(PendingOpen(
            caseID: caseID, pluginID: pluginID, area: area, riskBand: riskBand, atMillis: atMillis, seq: seq))
        // Later events of the batch find the row in the database, or here when the case was already looked up.
        if cached != nil {
            rows[caseID] = CaseRow(
                id: caseID, status: .open, openedAt: atMillis, openedSeq: seq, pluginID: pluginID,
                area: area, riskBand: riskBand, eventCount: 1, lastSeq: seq, lastEventAt: atMillis)
        }
        if pendingOpens.count == Self.openChunk { try settle() }
    }

    /// Writes the queued opened cases. Their inserts are what find an id already taken (by an earlier
    /// transaction or earlier in this one), so opening many cases reads nothing first.
    /// - Throws: ``EarlierRefusal`` for the first queued case whose id was taken; nothing is undone here
    ///   (the caller's transaction is rolled back).
    mutating func settle() throws {
        guard !pendingOpens.isEmpty else { return }
        var start = 0
        while start < pendingOpens.count {
            let count = pendingOpens.count - start >= Self.openChunk ? Self.openChunk : 1
            let statement = try db.cachedStatement(sql: Self.insertOpened[count == 1 ? 0 : 1])
            let handle = statement.sqliteStatement
            for offset in 0..<count {
                let open = pendingOpens[start + offset]
                let base = Int32(offset * 8)
                SQLiteBinding.bind(open.caseID, to: handle, at: base + 1)
                sqlite3_bind_int64(handle, base + 2, open.atMillis)
                sqlite3_bind_int64(handle, base + 3, open.seq)
                SQLiteBinding.bind(open.pluginID, to: handle, at: base + 4)
                SQLiteBinding.bind(open.area, to: handle, at: base + 5)
                SQLiteBinding.bind(open.riskBand, to: handle, at: base + 6)
                sqlite3_bind_int64(handle, base + 7, open.seq)
                sqlite3_bind_int64(handle, base + 8, open.atMillis)
            }
            try SQLiteBinding.run(statement, in: db)
            if Int(sqlite3_changes(db.sqliteConnection)) != count {
                try refuseFirstTaken(pendingOpens[start..<(start + count)])
            }
            start += count
        }
        pendingOpens.removeAll(keepingCapacity: true)
    }

    /// Finds the first of `opens` whose row is not its own (its id was taken) and refuses it.
    private mutating func refuseFirstTaken(_ opens: ArraySlice<PendingOpen>) throws {
        for open in opens {
            let row = try Row.fetchOne(
                db, sql: "SELECT opened_seq, opened_at FROM cases WHERE id = ?", arguments: [open.caseID])
            if let row, (row[0] as Int64) != open.seq {
                pendingOpens.removeAll()
                throw EarlierRefusal(
                    seq: open.seq,
                    error: StoreError.caseAlreadyExists(id: open.caseID, openedAt: Date(storeMillis: row[1])))
            }
        }
    }

    private static let caseColumns = """
        id, status, opened_at, opened_seq, plugin_id, area, risk_band, marac, next_deadline,
        closed_at, outcome, closure_reason, event_count, last_seq, last_event_at
        """

    private static func caseRow(_ row: Row) -> CaseRow {
        CaseRow(
            id: row[0], status: CaseState.Status(rawValue: row[1]) ?? .open, openedAt: row[2], openedSeq: row[3],
            pluginID: row[4], area: row[5], riskBand: row[6], marac: row[7], nextDeadline: row[8],
            closedAt: row[9], outcome: row[10], closureReason: row[11], eventCount: row[12], lastSeq: row[13],
            lastEventAt: row[14])
    }

    private mutating func load(_ caseID: String) throws -> CaseRow? {
        if let cached = rows[caseID] { return cached }
        // A case opened earlier in the transaction may still be queued.
        try settle()
        let statement = try db.cachedStatement(sql: "SELECT \(Self.caseColumns) FROM cases WHERE id = ?")
        let row = try Row.fetchOne(statement, arguments: [caseID]).map(Self.caseRow)
        rows[caseID] = .some(row)
        return row
    }

    private static let chunkSize = 500
    private static let chunkPlaceholders = Array(repeating: "?", count: chunkSize).joined(separator: ",")

    /// Reads the projection rows of many cases with a few queries instead of one query per case.
    mutating func preload(_ caseIDs: some Sequence<String>) throws {
        var wanted: [String] = []
        var seen: Set<String> = []
        for id in caseIDs where rows[id] == nil && !PropertySubject.isProperty(id) && seen.insert(id).inserted {
            wanted.append(id)
        }
        let chunkSize = Self.chunkSize
        var start = 0
        while start < wanted.count {
            let chunk = wanted[start..<min(start + chunkSize, wanted.count)]
            // Always `chunkSize` arguments (the last id repeated), so one prepared statement serves every chunk.
            var ids = Array(chunk)
            ids.append(contentsOf: repeatElement(chunk[chunk.endIndex - 1], count: chunkSize - chunk.count))
            let statement = try db.cachedStatement(
                sql: "SELECT \(Self.caseColumns) FROM cases WHERE id IN (\(Self.chunkPlaceholders))")
            let found = try Row.fetchCursor(statement, arguments: StatementArguments(ids))
            while let row = try found.next() {
                let caseRow = Self.caseRow(row)
                rows[caseRow.id] = .some(caseRow)
            }
            for id in chunk where rows[id] == nil {
                rows[id] = .some(nil)
            }
            start += chunkSize
        }
    }

    /// Writes every changed projection row.
    mutating func flush() throws {
        try settle()
        let updateCase = try db.cachedStatement(sql: """
            UPDATE cases SET status = ?, risk_band = ?, marac = ?, next_deadline = ?, closed_at = ?, outcome = ?,
                             closure_reason = ?, event_count = ?, last_seq = ?, last_event_at = ?
            WHERE id = ?
            """)
        let handle = updateCase.sqliteStatement
        for case let row? in rows.values where row.isDirty {
            SQLiteBinding.bind(row.status.rawValue, to: handle, at: 1)
            SQLiteBinding.bind(row.riskBand, to: handle, at: 2)
            SQLiteBinding.bind(row.marac, to: handle, at: 3)
            SQLiteBinding.bind(row.nextDeadline, to: handle, at: 4)
            SQLiteBinding.bind(row.closedAt, to: handle, at: 5)
            SQLiteBinding.bind(row.outcome, to: handle, at: 6)
            SQLiteBinding.bind(row.closureReason, to: handle, at: 7)
            SQLiteBinding.bind(Int64(row.eventCount), to: handle, at: 8)
            SQLiteBinding.bind(row.lastSeq, to: handle, at: 9)
            SQLiteBinding.bind(row.lastEventAt, to: handle, at: 10)
            SQLiteBinding.bind(row.id, to: handle, at: 11)
            try SQLiteBinding.run(updateCase, in: db)
            if let plan = row.newPlan {
                try db.execute(sql: "DELETE FROM case_deadlines WHERE case_id = ?", arguments: [row.id])
                try db.execute(sql: "DELETE FROM case_referrals WHERE case_id = ?", arguments: [row.id])
                let insertDeadline = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO case_deadlines (case_id, deadline_id, due) VALUES (?, ?, ?)")
                for deadline in plan.deadlines {
                    try insertDeadline.execute(arguments: [row.id, deadline.id, deadline.due.storeMillis])
                }
                let insertReferral = try db.cachedStatement(sql: """
                    INSERT INTO case_referrals (case_id, position, partner, kind, consent, status)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for (position, referral) in plan.referrals.enumerated() {
                    try insertReferral.execute(arguments: [
                        row.id, position, referral.partner, referral.kind, referral.consent, referral.status,
                    ])
                }
            }
            if !row.sentMarks.isEmpty {
                let markSent = try db.cachedStatement(
                    sql: "UPDATE case_referrals SET status = 'sent' WHERE case_id = ? AND partner = ? AND kind = ?")
                for mark in row.sentMarks {
                    try markSent.execute(arguments: [row.id, mark.partner, mark.kind])
                }
            }
            if !row.sentReferrals.isEmpty {
                let insertSent = try db.cachedStatement(
                    sql: "INSERT INTO referrals_sent (seq, case_id, partner, kind, consent) VALUES (?, ?, ?, ?, ?)")
                for sent in row.sentReferrals {
                    try insertSent.execute(arguments: [sent.seq, row.id, sent.partner, sent.kind, sent.consent])
                }
            }
        }
        if !signals.isEmpty {
            let insertSignal = try db.cachedStatement(
                sql: "INSERT INTO property_signals (seq, property_ref, signal, case_id, at) VALUES (?, ?, ?, ?, ?)")
            for signal in signals {
                try insertSignal.execute(arguments: [
                    signal.seq, signal.propertyRef, signal.signal, signal.caseID, signal.at.storeMillis,
                ])
            }
        }
        rows.removeAll(keepingCapacity: true)
        signals.removeAll(keepingCapacity: true)
    }
}
