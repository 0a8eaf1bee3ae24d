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
    /// Threads mapping rows, for a script that declares `parallel = true`; nil uses one per core, up to
    /// ``ImportRunner/defaultWorkers``. More than one is refused for other scripts.
    public var workers: Int?
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
/// Records are read in chunks and mapped on the calling thread, or, for a script that declares `parallel = true`,
/// on several threads each with its own copy of the script. Mapped chunks are validated on one thread, in the
/// order they were read, and gathered into batches written on another while the next are mapped. Every batch is
/// one transaction, and events whose `(source, external id)` is stored already are skipped, so re-running after a
/// crash finishes the job.
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

    /// How many threads map rows: one, unless the script declares `parallel = true`.
    /// - Throws: ``ImportError/badScript(path:reason:)`` when more than one is asked of a script that has not.
    public func workerCount() throws -> Int {
        guard script.parallel else {
            if let asked = options.workers, asked > 1 {
                throw ImportError.badScript(path: script.path, reason: "--workers \(asked) needs a script that declares parallel = true (its map keeps nothing from one row to the next)")
            }
            return 1
        }
        return max(1, options.workers ?? min(ProcessInfo.processInfo.activeProcessorCount, Self.defaultWorkers))
    }

    /// The most workers used when none are asked for.
    public static let defaultWorkers = 4

    /// Imports the inputs in order.
    /// - Throws: ``ImportError`` for what stops the import as a whole (an unreadable file, a header without a
    ///   column the script needs, a failing `setup`, a store error); every batch written before stays written.
    public func run(inputs: [String], progress: any ImportProgress = SilentProgress()) throws -> ImportSummary {
        let started = Date()
        let workers = try workerCount()
        var scripts = [script]
        defer { for extra in scripts.dropFirst() { extra.close() } }
        while scripts.count < workers { scripts.append(try script.makeWorker()) }
        let firstLoad = try store.prepareForBulkImport(cacheKiB: options.writerCacheKiB)
        defer { try? store.finishBulkImport() }
        let rejects = try options.rejectsPath.map { try RejectsWriter(path: $0, withFileColumn: inputs.count > 1) }
        defer { rejects?.close() }
        let writer = BatchWriter(store: store, commit: !options.dryRun, rejects: rejects, keep: options.problemsInSummary,
                                 batchSize: options.batchSize, chunksAhead: workers + 1, releasePages: firstLoad)
        var summary = ImportSummary()
        summary.dryRun = options.dryRun
        let interpreter = RowInterpreter(
            pluginID: options.pluginID ?? script.pluginID, recordedBy: options.recordedBy, now: options.now)
        var setupDone = Set<ObjectIdentifier>()
        var totalBytes = 0
        var bytesBefore = 0
        var sequence = 0

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
                for worker in scripts {
                    try worker.prepareDriver(header: format == .csv ? reader.header : nil, file: fileName)
                    if setupDone.insert(ObjectIdentifier(worker)).inserted { try worker.runSetup() }
                }
                let source = options.source ?? script.source
                    ?? "\(((script.path as NSString).lastPathComponent as NSString).deletingPathExtension):\(fileName)"
                let shared = SharedInput(
                    reader: reader, firstSequence: sequence, rowsBefore: summary.rowsRead, bytesBefore: bytesBefore,
                    totalBytes: totalBytes, progress: progress)
                let chunkRows = min(options.batchSize, Self.mappedChunkRows)
                try Self.onWorkers(scripts) { worker in
                    try ImportWorker(
                        script: worker, input: shared, writer: writer, file: input, header: header, source: source,
                        interpreter: interpreter, chunkRows: chunkRows
                    ).run()
                }
                summary.rowsRead = shared.rowsRead
                // The file's last batch is written before the next file's rows (batches hold one file each).
                try writer.submit(MappedChunk(
                    sequence: shared.nextSequence, file: input, header: header, source: source, interpreter: interpreter),
                    flush: true)
                sequence = shared.nextSequence + 1
                bytesBefore += reader.totalBytes
            }
        } catch {
            // Let the batches already handed over finish (each is a whole transaction) before giving up.
            try? writer.drain()
            throw error
        }
        try writer.drain()
        try store.finishBulkImport()
        if !setupDone.isEmpty { try script.runFinish() }
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
    public static let mappedChunkRows = 500

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
/// rejected; a slice of its chunk's bytes) or a JSON line.
enum OriginalRow: Sendable {
    case csv(ArraySlice<UInt8>)
    case line(String)

    /// The columns the rejects file shows after its own.
    var fields: [String] {
        switch self {
        case .csv(let raw): CSVRowSource.fields(ofRecord: Array(raw))
        case .line(let line): [line]
        }
    }
}

/// One row on its way to validation: what the script made of it, or why it could not be mapped.
struct MappedRow {
    enum Outcome {
        case mapped(ImportScript.Mapped)
        /// The record was bad as read, or its mapping raised.
        case rejected([ImportProblem])
    }
    var number: Int
    var original: OriginalRow
    var outcome: Outcome
}

/// Rows the script has mapped, waiting to be validated on another thread, with the arena their results are in.
struct MappedChunk: Sendable {
    /// The chunk's place in the input (see ``InputChunk/sequence``).
    let sequence: Int
    let file: String
    let header: [String]
    let source: String
    let interpreter: RowInterpreter
    var rows: [MappedRow] = []
    var arena: FlatJSON

    /// An empty chunk whose arena has room for a little more than `arenaSize` (the last chunk's, say).
    init(sequence: Int, file: String, header: [String], source: String, interpreter: RowInterpreter,
         arenaSize: (nodes: Int, bytes: Int) = (0, 0)) {
        self.sequence = sequence
        self.file = file
        self.header = header
        self.source = source
        self.interpreter = interpreter
        rows.reserveCapacity(ImportRunner.mappedChunkRows)
        // A little more than the last chunk took, so that growing (and copying) the arena is rare.
        arena = FlatJSON(nodes: arenaSize.nodes * 9 / 8, bytes: arenaSize.bytes * 9 / 8)
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
    /// Chunks read and not yet validated: a worker takes room before reading a chunk; validating it gives it back.
    private let room: DispatchSemaphore
    /// Chunks mapped ahead of their turn, by sequence, and the sequence whose turn it is.
    private var waiting: [Int: (MappedChunk, Bool)] = [:]
    private var nextSequence = 0
    private let order = NSLock()
    private let batchSize: Int
    /// Validated rows not yet written (touched on the validating queue only).
    private var pending: Batch?
    private let lock = NSLock()
    private var state = Counts()
    private var failure: (any Error)?
    /// Whether committed batches hand the store's pages back to the system (a first load; written on the writer queue).
    private let releasePages: Bool
    private(set) var pageRelease = PageRelease()

    init(store: SQLiteCaseStore, commit: Bool, rejects: RejectsWriter?, keep: Int, batchSize: Int, chunksAhead: Int = 2,
         releasePages: Bool = false) {
        self.releasePages = releasePages && commit
        self.batchSize = batchSize
        self.store = store
        self.commit = commit
        self.rejects = rejects
        self.keep = keep
        room = DispatchSemaphore(value: max(chunksAhead, 1))
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

    /// Waits until fewer chunks than allowed are read and not yet validated, then counts one more.
    /// - Throws: the failure that stopped writing, if any.
    func waitForRoom() throws {
        room.wait()
        if let failed = currentFailure() {
            room.signal()
            throw failed
        }
    }

    /// Gives back room taken for a chunk that turned out empty.
    func giveBackRoom() { room.signal() }

    /// Stops the import after a worker failed: whoever waits for room or hands over a chunk gets the failure.
    /// (The failed worker's chunk never comes, so chunks after it would wait for their turn for ever.)
    func abandon(_ error: any Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
        for _ in 0..<Self.wakeAll { room.signal() }
    }

    private static let wakeAll = 64

    /// Hands a mapped chunk over. Chunks are validated one at a time on one thread, in sequence order whichever
    /// worker mapped them (a chunk mapped ahead of its turn waits), and full batches are written on another.
    /// A flush (no room taken) writes what is gathered even if the batch is not full.
    func submit(_ chunk: MappedChunk, flush: Bool) throws {
        if let failed = currentFailure() { throw failed }
        order.lock()
        defer { order.unlock() }
        waiting[chunk.sequence] = (chunk, flush)
        while let (next, flushing) = waiting.removeValue(forKey: nextSequence) {
            nextSequence += 1
            checkQueue.async { self.check(next, flush: flushing) }
        }
    }

    /// Validates a chunk into the gathering batch, and hands the batch to the writer when it is full.
    private func check(_ chunk: MappedChunk, flush: Bool) {
        // Validated rows gather into one transaction of `batchSize` events (or the rest of the file).
        var batch = pending ?? Batch(file: chunk.file, header: chunk.header, source: chunk.source, capacity: batchSize)
        // Let go of the stored copy first, so adding rows does not copy the whole batch.
        pending = nil
        validate(chunk, into: &batch)
        if !flush { room.signal() }
        guard flush || batch.events.count >= batchSize else {
            pending = batch
            return
        }
        let full = batch
        // One batch written at a time; the next gathers meanwhile.
        slot.wait()
        queue.async {
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

    private func currentFailure() -> (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    private func validate(_ chunk: MappedChunk, into batch: inout Batch) {
        var skipped = 0
        for row in chunk.rows {
            let outcome: RowOutcome = switch row.outcome {
            case .mapped(let mapped): chunk.interpreter.interpret(mapped, in: chunk.arena)
            case .rejected(let problems): .reject(problems, externalID: nil)
            }
            switch outcome {
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

    /// Waits for every chunk handed over to be validated and written, and reports the failure, if any.
    func drain() throws {
        checkQueue.sync {}
        queue.sync {}
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
                if releasePages { store.releaseWrittenPages(afterBatchOf: events.count, &pageRelease) }
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
