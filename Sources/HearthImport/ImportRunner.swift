import Foundation
import HearthCore
import HearthStore
import LuaBridge

/// The kinds of input an import reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// CSV with a header row.
    case csv
    /// JSON Lines: one JSON object per line.
    case jsonl

    /// The format a file's extension suggests (`.jsonl`, `.ndjson` → JSON Lines; anything else CSV).
    public static func guess(_ path: String) -> InputFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "jsonl" || ext == "ndjson" ? .jsonl : .csv
    }
}

/// How an import runs.
public struct ImportOptions: Sendable {
    /// Events per transaction.
    public var batchSize = 5_000
    /// Do everything except commit.
    public var dryRun = false
    /// The input format; nil guesses from each file's extension.
    public var format: InputFormat?
    /// Where rejected rows go (CSV); nil keeps only the summary's first few.
    public var rejectsPath: String?
    /// The source name external ids are unique within; nil uses the script's `source`, else `script:file`.
    public var source: String?
    /// The plugin id cases are opened under; nil uses the script's `plugin`.
    public var pluginID: String?
    /// Who the events are recorded by.
    public var recordedBy: String? = "import"
    /// The time for events that carry none.
    public var now = Date()
    /// How many rejected rows the summary keeps.
    public var problemsInSummary = 5
    /// The store writer's page cache during the import, in KiB (small keeps memory flat in the input size).
    public var writerCacheKiB = 16_384

    /// Default options.
    public init() {}
}

/// A rejected row as the summary shows it.
public struct RejectedRow: Sendable, Hashable, CustomStringConvertible {
    /// The input file.
    public var file: String
    /// The row's number (see ``InputRow/number``).
    public var row: Int
    /// Its external id, when the script gave one.
    public var externalID: String?
    /// Every problem, by field.
    public var problems: [ImportProblem]

    /// `file row N (external id X): field: message; …`.
    public var description: String {
        let id = externalID.map { " (\($0))" } ?? ""
        return "\(file) row \(row)\(id): " + problems.map(\.description).joined(separator: "; ")
    }
}

/// What an import did.
public struct ImportSummary: Sendable {
    /// Records read from the inputs.
    public var rowsRead = 0
    /// Rows written to the store (or that would be, in a dry run).
    public var imported = 0
    /// Rows the script skipped.
    public var skipped = 0
    /// Rows already in the store from an earlier run (same source and external id).
    public var alreadyImported = 0
    /// Rows rejected (by the script, by validation, by the store, or because the record itself was bad).
    public var rejected = 0
    /// Events written.
    public var eventsWritten = 0
    /// The first few rejected rows.
    public var firstProblems: [RejectedRow] = []
    /// Wall-clock seconds.
    public var seconds = 0.0
    /// Whether nothing was committed.
    public var dryRun = false

    /// The summary as printed at the end of `hearth import`.
    public var text: String {
        var lines: [String] = []
        let rate = seconds > 0 ? Double(rowsRead) / seconds : 0
        lines.append((dryRun ? "dry run (nothing committed): " : "") + "\(rowsRead) rows read in \(String(format: "%.1f", seconds)) s (\(Int(rate)) rows/s)")
        lines.append("  imported: \(imported)  (\(eventsWritten) events)")
        lines.append("  already imported: \(alreadyImported)")
        lines.append("  skipped: \(skipped)")
        lines.append("  rejected: \(rejected)")
        if !firstProblems.isEmpty {
            lines.append("first problems:")
            lines.append(contentsOf: firstProblems.map { "  \($0)" })
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs an import: reads the inputs, maps each row through the script, and writes batches to the store.
///
/// Reading and mapping run on the calling thread; each full batch is written on a second thread while the next is
/// built, so at most two batches are held at once. Every batch is one transaction, and events whose
/// `(source, external id)` is stored already are skipped, so re-running after a crash finishes the job.
public final class ImportRunner {
    let script: ImportScript
    let store: SQLiteCaseStore
    let options: ImportOptions

    /// Creates a runner.
    public init(script: ImportScript, store: SQLiteCaseStore, options: ImportOptions) {
        self.script = script
        self.store = store
        self.options = options
    }

    /// Imports the inputs in order.
    /// - Throws: ``ImportError`` for what stops the import as a whole (an unreadable file, a header without a
    ///   column the script needs, a failing `setup`, a store error); every batch written before stays written.
    public func run(inputs: [String], progress: any ImportProgress = SilentProgress()) throws -> ImportSummary {
        let started = Date()
        try store.prepareForBulkImport(cacheKiB: options.writerCacheKiB)
        defer { try? store.finishBulkImport() }
        let rejects = try options.rejectsPath.map { try RejectsWriter(path: $0, withFileColumn: inputs.count > 1) }
        defer { rejects?.close() }
        let writer = BatchWriter(store: store, commit: !options.dryRun, rejects: rejects, keep: options.problemsInSummary,
                                 batchSize: options.batchSize)
        var summary = ImportSummary()
        summary.dryRun = options.dryRun
        let interpreter = RowInterpreter(
            pluginID: options.pluginID ?? script.pluginID, recordedBy: options.recordedBy, now: options.now)
        var setupDone = false
        var totalBytes = 0
        var bytesBefore = 0

        for input in inputs {
            let format = options.format ?? InputFormat.guess(input)
            let reader: any RowSource = format == .csv ? try CSVRowSource(path: input) : try JSONLRowSource(path: input)
            totalBytes += reader.totalBytes
        }
        do {
            for input in inputs {
                let format = options.format ?? InputFormat.guess(input)
                let reader: any RowSource = format == .csv ? try CSVRowSource(path: input) : try JSONLRowSource(path: input)
                let fileName = (input as NSString).lastPathComponent
                if format == .csv {
                    let missing = script.columns.filter { !reader.header.contains($0) }
                    if !missing.isEmpty { throw ImportError.missingColumns(path: input, script: script.path, columns: missing) }
                }
                let header = format == .csv ? reader.header : ["line"]
                try script.prepareDriver(header: format == .csv ? reader.header : nil, file: fileName)
                if !setupDone {
                    try script.runSetup()
                    setupDone = true
                }
                let source = options.source ?? script.source
                    ?? "\(((script.path as NSString).lastPathComponent as NSString).deletingPathExtension):\(fileName)"
                var chunk = MappedChunk(file: input, header: header, source: source, interpreter: interpreter)

                func reject(_ row: Int, _ externalID: String?, _ problems: [ImportProblem], _ original: OriginalRow) {
                    writer.reject(RejectedRow(file: input, row: row, externalID: externalID, problems: problems), header: header, original: original)
                }

                /// Maps one record (unless it is already known to be bad) and queues what came of it.
                func take(_ number: Int, _ problems: [ImportProblem], _ original: () -> OriginalRow,
                          map: () throws(LuaError) -> ImportScript.Mapped) throws {
                    summary.rowsRead += 1
                    if summary.rowsRead & 255 == 0 {
                        progress.update(rows: summary.rowsRead, bytes: bytesBefore + reader.bytesRead, totalBytes: totalBytes)
                    }
                    if !problems.isEmpty {
                        reject(number, nil, problems, original())
                        return
                    }
                    let mapped: ImportScript.Mapped
                    do {
                        mapped = try map()
                    } catch {
                        reject(number, nil, [ImportProblem(field: "map", message: error.description)], original())
                        if case .limit = error.kind { _ = try script.recoverIfNeeded() }
                        return
                    }
                    chunk.rows.append(MappedRow(number: number, original: original(), mapped: mapped))
                    if chunk.rows.count >= min(options.batchSize, Self.mappedChunkRows) {
                        let full = chunk
                        chunk = MappedChunk(file: input, header: header, source: source, interpreter: interpreter, like: full)
                        try writer.submit(full, flush: false)
                    }
                }

                if let csv = reader as? CSVRowSource {
                    // Fields go from the read buffer into Lua as bytes; the record's bytes are kept for the rejects file.
                    while try csv.withNextRecord({ record in
                        try take(record.number, record.problems, { .csv([UInt8](record.raw)) }) { () throws(LuaError) in
                            try script.map(row: record.number, bytes: record.fields, into: &chunk.arena)
                        }
                    }) != nil {}
                } else {
                    while let row = try reader.next() {
                        try take(row.number, row.problems, { .line(reader.currentRaw) }) { () throws(LuaError) in
                            try script.map(row: row.number, object: Self.lua(row.object ?? .null), into: &chunk.arena)
                        }
                    }
                }
                try writer.submit(chunk, flush: true)
                bytesBefore += reader.totalBytes
            }
        } catch {
            // Let the batches already handed over finish (each is a whole transaction) before giving up.
            try? writer.drain()
            throw error
        }
        try writer.drain()
        try store.finishBulkImport()
        if setupDone { try script.runFinish() }
        progress.finish(rows: summary.rowsRead)
        let counts = writer.counts()
        summary.imported = counts.imported
        summary.alreadyImported = counts.already
        summary.rejected = counts.rejected
        summary.eventsWritten = counts.events
        summary.skipped = counts.skipped
        summary.firstProblems = counts.problems
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Rows mapped before they are handed to validation: small, because mapped rows are the bulkiest form a row takes.
    static let mappedChunkRows = 500

    /// A JSON value as a Lua value.
    static func lua(_ value: JSONValue) -> LuaValue {
        switch value {
        case .null: return .nil
        case .bool(let b): return .boolean(b)
        case .int(let i): return .integer(Int64(i))
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(lua))
        case .object(let fields): return .table(fields.mapValues(lua))
        }
    }
}

/// A row as it came in, kept for the rejects file: a CSV record's bytes (split into fields only if the row is
/// rejected) or a JSON line.
enum OriginalRow: Sendable {
    case csv([UInt8])
    case line(String)

    /// The columns the rejects file shows after its own.
    var fields: [String] {
        switch self {
        case .csv(let raw): CSVRowSource.fields(ofRecord: raw)
        case .line(let line): [line]
        }
    }
}

/// One mapped row on its way to validation.
struct MappedRow {
    var number: Int
    var original: OriginalRow
    var mapped: ImportScript.Mapped
}

/// Rows the script has mapped, waiting to be validated on another thread, with the arena their results are in.
struct MappedChunk: Sendable {
    let file: String
    let header: [String]
    let source: String
    let interpreter: RowInterpreter
    var rows: [MappedRow] = []
    var arena: FlatJSON

    /// An empty chunk; `like`, when given, sizes the arena as that chunk's ended up.
    init(file: String, header: [String], source: String, interpreter: RowInterpreter, like previous: MappedChunk? = nil) {
        self.file = file
        self.header = header
        self.source = source
        self.interpreter = interpreter
        rows.reserveCapacity(ImportRunner.mappedChunkRows)
        arena = FlatJSON(nodes: previous?.arena.nodeCount ?? 0, bytes: previous?.arena.byteCount ?? 0)
    }
}

/// Rows waiting to be written, with the events each became.
struct Batch: Sendable {
    struct Row: Sendable {
        var number: Int
        var externalID: String
        var original: OriginalRow
        var eventCount: Int
    }
    let file: String
    let header: [String]
    let source: String
    var rows: [Row] = []
    var events: [NewEvent] = []

    init(file: String, header: [String], source: String, capacity: Int) {
        self.file = file
        self.header = header
        self.source = source
        // Room for a full batch (up to a point) up front: growing copies every row and event already added.
        rows.reserveCapacity(min(capacity, 8_192))
        events.reserveCapacity(min(capacity, 8_192))
    }

    mutating func add(row: Int, externalID: String, original: OriginalRow, events: [NewEvent]) {
        rows.append(Row(number: row, externalID: externalID, original: original, eventCount: events.count))
        self.events.append(contentsOf: events)
    }

    mutating func add(row: Int, externalID: String, original: OriginalRow, event: NewEvent) {
        rows.append(Row(number: row, externalID: externalID, original: original, eventCount: 1))
        events.append(event)
    }
}

/// Writes batches on its own thread, one at a time, while the next is being built.
final class BatchWriter: @unchecked Sendable {
    struct Counts {
        var imported = 0
        var already = 0
        var rejected = 0
        var events = 0
        var skipped = 0
        var problems: [RejectedRow] = []
    }

    private let store: SQLiteCaseStore
    private let commit: Bool
    private let rejects: RejectsWriter?
    private let keep: Int
    private let queue = DispatchQueue(label: "hearth.import.writer")
    private let slot = DispatchSemaphore(value: 1)
    private let checkQueue = DispatchQueue(label: "hearth.import.validator")
    private let checkSlot = DispatchSemaphore(value: 1)
    private let batchSize: Int
    /// Validated rows not yet written (touched on the validating queue only).
    private var pending: Batch?
    private let lock = NSLock()
    private var state = Counts()
    private var failure: (any Error)?

    init(store: SQLiteCaseStore, commit: Bool, rejects: RejectsWriter?, keep: Int, batchSize: Int) {
        self.batchSize = batchSize
        self.store = store
        self.commit = commit
        self.rejects = rejects
        self.keep = keep
    }

    func counts() -> Counts {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    func reject(_ row: RejectedRow, header: [String], original: OriginalRow) {
        lock.lock()
        state.rejected += 1
        if state.problems.count < keep { state.problems.append(row) }
        lock.unlock()
        rejects?.write(file: row.file, header: header, row: row.row, externalID: row.externalID, problems: row.problems, original: original.fields)
    }

    /// Hands mapped rows over; they are validated on one thread and written on another, while the next are mapped.
    /// Waits while the previous chunk is still being validated.
    func submit(_ chunk: MappedChunk, flush: Bool) throws {
        checkSlot.wait()
        if let failed = currentFailure() {
            checkSlot.signal()
            throw failed
        }
        checkQueue.async {
            // Validated rows gather into one transaction of `batchSize` events (or the rest of the file).
            var batch = self.pending ?? Batch(file: chunk.file, header: chunk.header, source: chunk.source, capacity: self.batchSize)
            // Let go of the stored copy first, so adding rows does not copy the whole batch.
            self.pending = nil
            self.validate(chunk, into: &batch)
            guard flush || batch.events.count >= self.batchSize else {
                self.pending = batch
                self.checkSlot.signal()
                return
            }
            let full = batch
            // Hand over to the writer, then let the next chunk in.
            self.slot.wait()
            self.checkSlot.signal()
            self.queue.async {
                defer { self.slot.signal() }
                do {
                    if !full.rows.isEmpty { try self.write(full) }
                } catch {
                    self.lock.lock()
                    self.failure = error
                    self.lock.unlock()
                }
            }
        }
    }

    private func currentFailure() -> (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    private func validate(_ chunk: MappedChunk, into batch: inout Batch) {
        var skipped = 0
        for row in chunk.rows {
            switch chunk.interpreter.interpret(row.mapped, in: chunk.arena) {
            case .skip:
                skipped += 1
            case .reject(let problems, let externalID):
                reject(RejectedRow(file: chunk.file, row: row.number, externalID: externalID, problems: problems),
                       header: chunk.header, original: row.original)
            case .event(let event, let externalID):
                batch.add(row: row.number, externalID: externalID, original: row.original, event: event)
            case .events(let events, let externalID):
                batch.add(row: row.number, externalID: externalID, original: row.original, events: events)
            }
        }
        lock.lock()
        state.skipped += skipped
        lock.unlock()
    }

    /// Waits for the last batch and reports its failure, if any.
    func drain() throws {
        checkSlot.wait()
        checkSlot.signal()
        slot.wait()
        slot.signal()
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
    }

    private func write(_ batch: Batch) throws {
        var rows = batch.rows
        var events = batch.events
        var result: ImportBatchResult
        while true {
            do {
                result = try store.importBatch(events, source: batch.source, commit: commit)
                break
            } catch StoreError.rejectedEvent(let position, _, let reason) {
                // Find the row that event came from, reject it, and write the rest again.
                var first = 0
                var index = 0
                while index < rows.count, first + rows[index].eventCount <= position {
                    first += rows[index].eventCount
                    index += 1
                }
                guard index < rows.count else { throw ImportError.store(reason.description) }
                let row = rows.remove(at: index)
                events.removeSubrange(first..<(first + row.eventCount))
                let problem = ImportProblem(field: Self.field(of: reason), message: reason.description)
                reject(RejectedRow(file: batch.file, row: row.number, externalID: row.externalID, problems: [problem]),
                       header: batch.header, original: row.original)
                if events.isEmpty { return }
            } catch let error as StoreError {
                throw ImportError.store(error.description)
            }
        }
        var skippedPositions = Set(result.skipped.map(\.position))
        var imported = 0
        var already = 0
        var position = 0
        for row in rows {
            var allSkipped = row.eventCount > 0
            for p in position..<(position + row.eventCount) where !skippedPositions.contains(p) { allSkipped = false }
            position += row.eventCount
            if allSkipped { already += 1 } else { imported += 1 }
        }
        skippedPositions.removeAll()
        lock.lock()
        state.imported += imported
        state.already += already
        state.events += result.appended
        lock.unlock()
    }

    static func field(of error: StoreError) -> String {
        switch error {
        case .caseAlreadyExists: return "id"
        case .caseNotFound, .caseAlreadyClosed, .caseNotClosed, .caseClosed: return "case_id"
        case .invalidEvent(let field, _): return field
        case .invalidPayload: return "payload"
        case .duplicateExternalID: return "external_id"
        case .rejectedEvent(_, _, let reason): return field(of: reason)
        default: return "store"
        }
    }
}
