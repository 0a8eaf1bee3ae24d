import CSQLiteSettings
import Foundation
import GRDB

/// The embedded case store: one SQLite file in WAL mode, reached through GRDB.
///
/// Every write runs in one IMMEDIATE transaction that reads the chain tip and appends after it, so several
/// processes can write to the same file at once without breaking the chain; a busy store is waited for.
public struct SQLiteCaseStore: CaseStore {
    /// The database connection (a `DatabasePool` for files).
    public let writer: any DatabaseWriter

    /// The writer connection's page cache, in KiB.
    static let writerCacheKiB = 65_536

    /// How long a write waits for another process's write before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// SQLite's process-wide settings, made once before the first connection (see `CSQLiteSettings`): memory
    /// statistics off, which saves a global mutex on every allocation SQLite makes; and statement journals kept in
    /// memory up to ``statementJournalInMemory`` bytes rather than 64 KiB, four of the store's pages, beyond which
    /// each was written to a temporary file. When another part of the process opened a SQLite connection first,
    /// SQLite refuses the settings and keeps its defaults.
    static let processSettings: Void = {
        _ = hearth_sqlite_disable_memory_statistics()
        _ = hearth_sqlite_set_statement_journal_spill(Int32(statementJournalInMemory))
    }()

    /// How large a statement journal may grow in memory before SQLite writes it to a temporary file: 64 pages.
    static let statementJournalInMemory = 1 << 20

    /// Opens the store at `path`, creating and migrating it when needed; does not read the events.
    /// - Parameter path: The SQLite file; its folder must exist.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)``.
    public static func open(_ path: String) throws -> SQLiteCaseStore {
        _ = processSettings
        // Creating a new file, switching it to WAL and migrating it are not safe to race between processes
        // (SQLite answers "database is locked" without waiting): opening holds a lock file for the whole step,
        // and still retries for a while in case another program holds the database.
        let lock = OpenLock(path: path + ".lock")
        defer { lock.release() }
        // Processes that create or open the same file at the same moment can find it locked in steps that
        // SQLite's busy handler does not cover (switching to WAL, the first migration): try again for a while.
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try openOnce(path)
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && Date() < deadline {
                usleep(UInt32.random(in: 5_000...50_000))
            } catch let error as DatabaseError {
                throw StoreError.cannotOpen(path: path, reason: error.message ?? error.description)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "\(error)")
            }
        }
    }

    private static func openOnce(_ path: String) throws -> SQLiteCaseStore {
        let pool = try DatabasePool(path: path, configuration: configuration())
        try pool.writeWithoutTransaction { db in
            // An acknowledged event must survive a power cut, not only a crash of the process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Room for the indexes' hot pages, so large batches do not keep re-reading them.
            try db.execute(sql: "PRAGMA cache_size = -\(writerCacheKiB)")
        }
        do {
            try Migrations.migrator.migrate(pool)
        } catch {
            // Another process may have migrated the new file at the same moment; then the work is done.
            guard try pool.read(Migrations.migrator.hasCompletedMigrations) else { throw error }
        }
        return SQLiteCaseStore(migrated: pool)
    }

    /// Opens a store that lives in memory only, for tests and dry runs.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)``.
    public static func inMemory() throws -> SQLiteCaseStore {
        _ = processSettings
        do {
            return try SQLiteCaseStore(writer: DatabaseQueue(configuration: configuration()))
        } catch {
            throw StoreError.cannotOpen(path: ":memory:", reason: "\(error)")
        }
    }

    /// Wraps an open connection and runs the migrations.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when a migration fails.
    public init(writer: any DatabaseWriter) throws {
        do {
            try Migrations.migrator.migrate(writer)
        } catch {
            throw StoreError.cannotOpen(path: writer.path, reason: "migrating the schema failed: \(error)")
        }
        self.init(migrated: writer)
    }

    private init(migrated writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Closes the store's connections; later calls on this value fail.
    /// - Throws: ``StoreError/database(_:)`` when a statement is still running.
    public func closeDatabase() throws {
        do {
            try writer.close()
        } catch {
            throw StoreError.database("\(error)")
        }
    }

    /// The page size of a store this creates, in bytes. SQLite's default is 4,096; with 16 KiB pages a B-tree holds
    /// four times as much per page, so appends split, balance and write fewer pages: batched appends and imports run
    /// faster at the cost of a larger first write after opening (`docs/store.md`, `docs/performance.md`). A store
    /// keeps the page size it was created with.
    public static let pageSize = 16_384

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "HearthStore"
        configuration.prepareDatabase { db in
            // Takes effect only when the file is first written; an existing store keeps its page size.
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
        }
        return configuration
    }

    // MARK: - Writing

    /// Appends events in one transaction, all or nothing, and returns them as stored.
    /// - Throws: ``StoreError``; nothing is written.
    @discardableResult
    public func append(_ events: [NewEvent]) throws -> [StoredEvent] {
        guard !events.isEmpty else { return [] }
        do {
            return try writer.write { db in
                try EventAppender(db: db, source: nil, skipDuplicates: false).append(events).appended
            }
        } catch let error as StoreError {
            throw events.count == 1 ? error.withoutPosition : error
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }

    /// Appends an import's events in one transaction, skipping those whose external id is already stored.
    /// - Throws: ``StoreError/rejectedEvent(position:externalID:reason:)``; nothing is written.
    @discardableResult
    public func appendBatch(_ events: [NewEvent], source: String) throws -> BatchResult {
        guard !events.isEmpty else { return BatchResult(appended: [], skipped: []) }
        do {
            return try writer.write { db in
                try EventAppender(db: db, source: source, skipDuplicates: true).append(events)
            }
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }

    /// Appends one event with a typed payload.
    /// - Throws: ``StoreError``; nothing is written.
    @discardableResult
    public func append<P: EventPayload>(
        _ payload: P, to caseID: String, at date: Date, recordedBy: String? = nil
    ) throws -> StoredEvent {
        try append([NewEvent(caseID: caseID, at: date, recordedBy: recordedBy, payload: payload)])[0]
    }

    /// Opens a case.
    /// - Throws: ``StoreError/caseAlreadyExists(id:openedAt:)`` when the id is taken; nothing is written.
    @discardableResult
    public func openCase(
        _ caseID: String, at date: Date, recordedBy: String? = nil, payload: CaseOpenedPayload
    ) throws -> StoredEvent {
        try append(payload, to: caseID, at: date, recordedBy: recordedBy)
    }

    /// Records a consent decision; `payload.by` is kept as the event's recorder.
    /// - Throws: ``StoreError/caseNotFound(_:)``; nothing is written.
    @discardableResult
    public func recordConsent(_ payload: ConsentPayload, for caseID: String, at date: Date) throws -> StoredEvent {
        try append(payload, to: caseID, at: date, recordedBy: payload.by)
    }

    /// Closes a case with an outcome and a reason (the caller checks them against the plugin).
    /// - Throws: ``StoreError/caseNotFound(_:)``, ``StoreError/caseAlreadyClosed(id:closedAt:outcome:)``.
    @discardableResult
    public func close(
        _ caseID: String, outcome: String, reason: String, at date: Date, recordedBy: String? = nil
    ) throws -> StoredEvent {
        try append(ClosedPayload(outcome: outcome, reason: reason), to: caseID, at: date, recordedBy: recordedBy)
    }

    // MARK: - Reading

    static let eventColumns = "seq, case_id, kind, at, recorded_by, payload, source, external_id, hash, prev_hash"

    /// Every event of a case (or property subject), oldest first; empty when there are none.
    public func events(for caseID: String) throws -> [StoredEvent] {
        try reading { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(Self.eventColumns) FROM events WHERE case_id = ? ORDER BY seq")
            var events: [StoredEvent] = []
            let rows = try Row.fetchCursor(statement, arguments: [caseID])
            while let row = try rows.next() {
                events.append(try Self.storedEvent(row))
            }
            return events
        }
    }

    /// The current state of a case, derived from its events.
    /// - Throws: ``StoreError/caseNotFound(_:)``.
    public func state(for caseID: String) throws -> CaseState {
        let events = try events(for: caseID)
        guard !events.isEmpty, !PropertySubject.isProperty(caseID) else { throw StoreError.caseNotFound(caseID) }
        return try CaseState(events: events)
    }

    /// The cases matching a filter, newest opened first.
    public func listCases(_ filter: CaseFilter) throws -> [CaseSummary] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if filter.openOnly || filter.overdueAsOf != nil { conditions.append("status = 'open'") }
        if let band = filter.riskBand {
            conditions.append("risk_band = ?")
            _ = arguments.append(contentsOf: [band])
        }
        if let date = filter.overdueAsOf {
            conditions.append("next_deadline < ?")
            _ = arguments.append(contentsOf: [date.storeMillis])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT id, status, opened_at, plugin_id, area, risk_band, marac, next_deadline, closed_at, outcome,
                   event_count, last_event_at
            FROM cases \(whereClause) ORDER BY opened_at DESC, id
            """
        return try reading { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                CaseSummary(
                    id: row[0], status: CaseState.Status(rawValue: row[1]) ?? .open,
                    openedAt: Date(storeMillis: row[2]), pluginID: row[3], area: row[4], riskBand: row[5],
                    marac: row[6], nextDeadline: (row[7] as Int64?).map(Date.init(storeMillis:)),
                    closedAt: (row[8] as Int64?).map(Date.init(storeMillis:)), outcome: row[9],
                    eventCount: row[10], lastEventAt: Date(storeMillis: row[11]))
            }
        }
    }

    /// Every case, newest opened first.
    public func listCases() throws -> [CaseSummary] {
        try listCases(.all)
    }

    /// The identification signals recorded for a property, oldest first.
    public func propertySignals(for propertyRef: String) throws -> [PropertySignal] {
        try reading { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, property_ref, signal, case_id, at FROM property_signals WHERE property_ref = ? ORDER BY seq",
                arguments: [propertyRef]
            ).map { row in
                PropertySignal(seq: row[0], propertyRef: row[1], signal: row[2], caseID: row[3], at: Date(storeMillis: row[4]))
            }
        }
    }

    /// Counts across all cases, with deadlines overdue as of `date`.
    public func report(asOf date: Date) throws -> StoreReport {
        try reading { db in
            var report = StoreReport(
                asOf: date, totalCases: 0, openCases: 0, closedCases: 0, openByRiskBand: [:], allByRiskBand: [:],
                maracReferrals: 0, referrals: [], referralsSentByKind: [:], overdueDeadlines: [], outcomes: [:],
                closureReasons: [:])
            for row in try Row.fetchAll(db, sql: """
                SELECT status, ifnull(risk_band, 'unassessed'), count(*) FROM cases GROUP BY 1, 2
                """) {
                let status: String = row[0]
                let band: String = row[1]
                let count: Int = row[2]
                report.totalCases += count
                report.allByRiskBand[band, default: 0] += count
                if status == CaseState.Status.open.rawValue {
                    report.openCases += count
                    report.openByRiskBand[band, default: 0] += count
                } else {
                    report.closedCases += count
                }
            }
            report.maracReferrals = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE marac = 1") ?? 0
            report.referrals = try Row.fetchAll(db, sql: """
                SELECT kind, consent, status, count(*) FROM case_referrals GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """).map { StoreReport.ReferralCount(kind: $0[0], consent: $0[1], status: $0[2], count: $0[3]) }
            for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) FROM referrals_sent GROUP BY kind") {
                report.referralsSentByKind[row[0]] = row[1]
            }
            report.overdueDeadlines = try Row.fetchAll(db, sql: """
                SELECT d.case_id, d.deadline_id, d.due FROM case_deadlines d JOIN cases c ON c.id = d.case_id
                WHERE c.status = 'open' AND d.due < ? ORDER BY d.due, d.case_id, d.deadline_id
                """, arguments: [date.storeMillis]
            ).map { StoreReport.OverdueDeadline(caseID: $0[0], deadlineID: $0[1], due: Date(storeMillis: $0[2])) }
            for row in try Row.fetchAll(db, sql: """
                SELECT outcome, closure_reason, count(*) FROM cases WHERE status = 'closed' GROUP BY 1, 2
                """) {
                let count: Int = row[2]
                report.outcomes[row[0] ?? "", default: 0] += count
                report.closureReasons[row[1] ?? "", default: 0] += count
            }
            return report
        }
    }

    /// The newest event's position and hash as the store recorded them, or nil for an empty store.
    public func chainTip() throws -> ChainTip? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM chain_head WHERE id = 1").map { ChainTip(seq: $0[0], hash: $0[1]) }
        }
    }

    // MARK: - Audit and maintenance

    /// Checks the whole audit trail, streaming the events, and names the first event that does not verify.
    public func verify() throws -> ChainVerification {
        try verify(knownTip: nil)
    }

    /// Checks the whole audit trail and, when the chain holds together, that it still ends in a tip recorded
    /// elsewhere earlier (which catches a rewrite of the whole tail, `chain_head` included).
    /// - Parameter knownTip: A ``ChainTip`` from ``chainTip()`` or an earlier verification, kept outside the store.
    public func verify(knownTip: ChainTip?) throws -> ChainVerification {
        try reading { db in
            let recordedTip = try Row.fetchOne(db, sql: "SELECT seq, hash FROM chain_head WHERE id = 1")
                .map { ChainTip(seq: $0[0], hash: $0[1]) }
            var verifier = ChainVerifier(recordedTip: recordedTip) { hash in
                try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE hash = ? ORDER BY seq LIMIT 1", arguments: [hash])
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.eventColumns) FROM events ORDER BY seq")
            while let row = try rows.next() {
                let chainRow = ChainRow(
                    seq: row[0], caseID: row[1], kind: row[2], atMillis: row[3], recordedBy: row[4], payload: row[5],
                    source: row[6], externalID: row[7], hash: row[8], prevHash: row[9])
                guard try verifier.feed(chainRow) else { break }
            }
            var failure = verifier.finish()
            if failure == nil, let knownTip {
                let hash = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [knownTip.seq])
                if hash == nil {
                    failure = ChainFailure(
                        kind: .deleted, seq: knownTip.seq,
                        reason: "event \(knownTip.seq), whose hash was kept outside the store, is missing")
                } else if hash != knownTip.hash {
                    failure = ChainFailure(
                        kind: .changed, seq: knownTip.seq,
                        reason: "event \(knownTip.seq) no longer has the hash kept outside the store: the chain was rewritten from there or earlier")
                }
            }
            return ChainVerification(eventsChecked: verifier.checked, tip: verifier.tip, failure: failure)
        }
    }

    /// Rebuilds the case projections (the `cases` list and its companions) from the events.
    /// - Throws: ``StoreError/corruptRow(seq:reason:)`` when a stored event breaks a rule or cannot be read.
    public func rebuildProjections() throws {
        do {
            try writer.write { db in
                try db.execute(sql: """
                    DELETE FROM property_signals;
                    DELETE FROM referrals_sent;
                    DELETE FROM case_referrals;
                    DELETE FROM case_deadlines;
                    DELETE FROM cases;
                    """)
                var projector = CaseProjector(db)
                let rows = try Row.fetchCursor(db, sql: "SELECT seq, case_id, kind, at, payload FROM events ORDER BY seq")
                while let row = try rows.next() {
                    let seq: Int64 = row[0]
                    let kindText: String = row[2]
                    guard let kind = EventKind(rawValue: kindText) else {
                        throw StoreError.corruptRow(seq: seq, reason: "unknown event kind '\(kindText)'")
                    }
                    do {
                        try projector.admit(
                            caseID: row[1], kind: kind, atMillis: row[3], payload: row[4], facts: nil, seq: seq)
                    } catch let error as StoreError {
                        try projector.settle()
                        throw StoreError.corruptRow(seq: seq, reason: error.description)
                    }
                }
                try projector.flush()
            }
        } catch let refusal as CaseProjector.EarlierRefusal {
            throw StoreError.corruptRow(seq: refusal.seq, reason: refusal.error.description)
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }

    // MARK: - Helpers

    private func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }

    static func storedEvent(_ row: Row) throws -> StoredEvent {
        let seq: Int64 = row[0]
        let kindText: String = row[2]
        guard let kind = EventKind(rawValue: kindText) else {
            throw StoreError.corruptRow(seq: seq, reason: "unknown event kind '\(kindText)'")
        }
        let payload: String = row[5]
        return StoredEvent(
            seq: seq, caseID: row[1], kind: kind, at: Date(storeMillis: row[3]), recordedBy: row[4],
            payload: Data(payload.utf8), source: row[6], externalID: row[7], hash: row[8], prevHash: row[9])
    }
}

/// An exclusive lock across processes (flock on a side file), held while a store is opened and migrated.
struct OpenLock {
    let fd: Int32

    init(path: String) {
        fd = Foundation.open(path, O_CREAT | O_RDWR, 0o600)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }
    }

    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        _ = Foundation.close(fd)
    }
}
