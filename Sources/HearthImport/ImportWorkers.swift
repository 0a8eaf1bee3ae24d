import Foundation
import HearthCore
import LuaBridge

/// A run of records copied out of a reader's buffer, for one worker to map: the unit workers take turns on.
struct InputChunk {
    /// One record: its number, what is wrong with it as read, and where its bytes are in the chunk.
    struct Record {
        var number: Int
        var problems: [ImportProblem]
        /// The record as it stood in the file (CSV), in `bytes`.
        var raw: Range<Int>
        /// Its fields (CSV), in `spans`.
        var fields: Range<Int>
        /// The line and its object (JSON Lines).
        var line: String?
        var object: JSONValue?
    }

    /// Chunks are numbered from 0 across all files; batches are written in this order whichever worker mapped them.
    let sequence: Int
    var records: [Record] = []
    /// Every record's raw bytes and field bytes; shared by the rows that keep their raw bytes for the rejects file.
    var bytes: [UInt8] = []
    /// Each field's bytes in `bytes`.
    var spans: [Range<Int>] = []
}

/// One input file read by several workers in turn: each takes the next chunk of records under a lock.
final class SharedInput: @unchecked Sendable {
    private let lock = NSLock()
    private let reader: any RowSource
    private let progress: any ImportProgress
    private let bytesBefore: Int
    private let totalBytes: Int
    /// The next chunk's number (continues across files).
    private(set) var nextSequence: Int
    /// Records read from this file so far, with those of the files before it.
    private(set) var rowsRead: Int

    init(reader: any RowSource, firstSequence: Int, rowsBefore: Int, bytesBefore: Int, totalBytes: Int,
         progress: any ImportProgress) {
        self.reader = reader
        self.nextSequence = firstSequence
        self.rowsRead = rowsBefore
        self.bytesBefore = bytesBefore
        self.totalBytes = totalBytes
        self.progress = progress
    }

    /// The next chunk of up to `count` records, or nil at the end of the file.
    /// - Throws: ``ImportError/unreadable(path:reason:)`` when the file cannot be read.
    func next(_ count: Int) throws -> InputChunk? {
        lock.lock()
        defer { lock.unlock() }
        var chunk = InputChunk(sequence: nextSequence)
        chunk.records.reserveCapacity(count)
        if let csv = reader as? CSVRowSource {
            chunk.bytes.reserveCapacity(count * 256)
            chunk.spans.reserveCapacity(count * 24)
            while chunk.records.count < count, try csv.withNextRecord({ (record: CSVRecord) -> Void in
                let rawStart = chunk.bytes.count
                let raw = rawStart..<(rawStart + record.raw.count)
                chunk.bytes.append(contentsOf: record.raw.assumingMemoryBound(to: UInt8.self))
                let first = chunk.spans.count
                // A field is a run of the record's own bytes unless it was unescaped elsewhere; only those are copied.
                let base = UInt(bitPattern: record.raw.baseAddress)
                let end = base + UInt(record.raw.count)
                for field in record.fields {
                    let at = UInt(bitPattern: field.baseAddress)
                    if at >= base, at + UInt(field.count) <= end {
                        let start = rawStart + Int(at - base)
                        chunk.spans.append(start..<(start + field.count))
                    } else {
                        let start = chunk.bytes.count
                        chunk.bytes.append(contentsOf: field.assumingMemoryBound(to: UInt8.self))
                        chunk.spans.append(start..<chunk.bytes.count)
                    }
                }
                chunk.records.append(InputChunk.Record(
                    number: record.number, problems: record.problems, raw: raw, fields: first..<chunk.spans.count))
            }) != nil {
                counted()
            }
        } else {
            while chunk.records.count < count, let row = try reader.next() {
                chunk.records.append(InputChunk.Record(
                    number: row.number, problems: row.problems, raw: 0..<0, fields: 0..<0, line: reader.currentRaw,
                    object: row.object))
                counted()
            }
        }
        guard !chunk.records.isEmpty else { return nil }
        nextSequence += 1
        return chunk
    }

    private func counted() {
        rowsRead += 1
        if rowsRead & 255 == 0 {
            progress.update(rows: rowsRead, bytes: bytesBefore + reader.bytesRead, totalBytes: totalBytes)
        }
    }
}

/// Maps chunks of one file through one copy of the script, on the thread that calls ``run(_:)``.
struct ImportWorker {
    let script: ImportScript
    let input: SharedInput
    let writer: BatchWriter
    let file: String
    let header: [String]
    let source: String
    let interpreter: RowInterpreter
    let chunkRows: Int

    /// Maps chunks until the file ends or the import stops (another worker's failure reaches this one through the
    /// writer, when it next waits for room or hands a chunk over).
    /// - Throws: what stops the import: an unreadable file, a script that cannot be reloaded, a store error.
    func run() throws {
        do {
            try mapChunks()
        } catch {
            writer.abandon(error)
            throw error
        }
    }

    private func mapChunks() throws {
        // How large the last chunk's arena grew, to size the next one (not the chunk itself: it is not kept).
        var last = (nodes: 0, bytes: 0)
        var fields: [UnsafeRawBufferPointer] = []
        while true {
            try writer.waitForRoom()
            guard let input = try input.next(chunkRows) else {
                writer.giveBackRoom()
                return
            }
            var chunk = MappedChunk(
                sequence: input.sequence, file: file, header: header, source: source, interpreter: interpreter,
                arenaSize: last)
            let raw = input.bytes
            try raw.withUnsafeBytes { bytes in
                for record in input.records {
                    let original: OriginalRow = record.line.map(OriginalRow.line) ?? .csv(raw[record.raw])
                    if !record.problems.isEmpty {
                        chunk.rows.append(MappedRow(number: record.number, original: original, outcome: .rejected(record.problems)))
                        continue
                    }
                    let mapped: ImportScript.Mapped
                    do throws(LuaError) {
                        if record.line != nil {
                            let object = ImportRunner.lua(record.object ?? .null)
                            mapped = try script.map(row: record.number, object: object, into: &chunk.arena)
                        } else {
                            fields.removeAll(keepingCapacity: true)
                            for span in input.spans[record.fields] {
                                fields.append(UnsafeRawBufferPointer(rebasing: bytes[span]))
                            }
                            mapped = try script.map(row: record.number, bytes: fields, into: &chunk.arena)
                        }
                    } catch {
                        chunk.rows.append(MappedRow(
                            number: record.number, original: original,
                            outcome: .rejected([ImportProblem(field: "map", message: error.description)])))
                        if case .limit = error.kind { _ = try script.recoverIfNeeded() }
                        continue
                    }
                    chunk.rows.append(MappedRow(number: record.number, original: original, outcome: .mapped(mapped)))
                }
            }
            last = (chunk.arena.nodeCount, chunk.arena.byteCount)
            try writer.submit(chunk, flush: false)
        }
    }
}

extension ImportRunner {
    /// Runs `body` once per script on threads of its own, the first on the calling thread, and waits for all;
    /// the first failure is thrown once every thread has stopped.
    static func onWorkers(_ scripts: [ImportScript], _ body: @escaping @Sendable (ImportScript) throws -> Void) throws {
        let failures = FirstFailure()
        let done = DispatchGroup()
        for script in scripts.dropFirst() {
            done.enter()
            // Each copy of the script is used by its one thread only.
            let handed = Handoff(script)
            let thread = Thread {
                do { try body(handed.value) } catch { failures.record(error) }
                done.leave()
            }
            // Lua's C stack for the deepest nesting the limits allow, with room to spare.
            thread.stackSize = 8 << 20
            thread.start()
        }
        do { try body(scripts[0]) } catch { failures.record(error) }
        done.wait()
        try failures.check()
    }
}

/// The first error of several threads.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    /// Keeps `failure` unless an earlier one is kept.
    func record(_ failure: any Error) {
        lock.lock()
        if error == nil { error = failure }
        lock.unlock()
    }

    /// Throws the first failure, if any.
    func check() throws {
        lock.lock()
        defer { lock.unlock() }
        if let error { throw error }
    }
}

/// A value handed to one other thread, which alone uses it from then on.
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
