import Foundation
import HearthImport
import HearthCore
import HearthStore

/// Bulk import, end to end: synthetic legacy-CRM rows through `scripts/import/legacy_crm.lua` into a fresh store
/// with the audit chain, by the release `hearth` binary beside this one, measured side by side with
///   (a) the `sqlite3` command line's `.import` of the same file into a plain table (the floor), and
///   (b) `scripts/bench/import_baseline.py` (Python's csv and sqlite3 modules, the same mapping and writes).
/// Peak memory is each process's maximum resident set size from `/usr/bin/time`.
///
/// Run from the repository root after `swift build -c release --product hearth`:
///   swift run -c release hearth-bench import
/// `HEARTH_IMPORT_BENCH_ROWS=100000,1000000` (the default) picks the sizes; inputs are generated in /tmp.
func runImportBenchmarks() throws {
    print("== import ==")
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let hearth = here.appendingPathComponent("hearth").path
    let script = "scripts/import/legacy_crm.lua"
    let baseline = "scripts/bench/import_baseline.py"
    guard FileManager.default.isExecutableFile(atPath: hearth) else {
        print("skipped: \(hearth) is missing; run `swift build -c release --product hearth` first")
        return
    }
    guard FileManager.default.fileExists(atPath: script) else {
        print("skipped: run from the repository root (\(script) not found)")
        return
    }
    let sizes = (ProcessInfo.processInfo.environment["HEARTH_IMPORT_BENCH_ROWS"] ?? "100000,1000000")
        .split(separator: ",").compactMap { Int($0) }
    let target = 150_000.0
    // The stages first: after the whole-process runs the machine is still writing their files back to disk, which
    // slows everything in process for a while.
    if let first = sizes.first {
        let input = "/tmp/hearth-bench-crm-\(first).csv"
        if !FileManager.default.fileExists(atPath: input) {
            try SyntheticData.write(.crm, rows: first, to: input, seed: 1)
        }
        try importStages(input: input, script: script, rows: first)
        if let extra = ProcessInfo.processInfo.environment["HEARTH_IMPORT_BENCH_SCRIPT"] {
            try importStages(input: input, script: extra, rows: first)
        }
        let ours = try time { _ = try CSVPackageBaseline.countRecordsWithRowSource(path: input) }
        let package = try time { _ = try CSVPackageBaseline.countRecords(path: input) }
        print(String(format: "CSV reading only, %d rows: CSVRowSource %.2f s, CSV.swift CSVReader %.2f s (%.1f× slower)",
                     first, ours, package, package / ours))
    }
    for rows in sizes where ProcessInfo.processInfo.environment["HEARTH_IMPORT_BENCH_STAGES_ONLY"] == nil {
        let input = "/tmp/hearth-bench-crm-\(rows).csv"
        if !FileManager.default.fileExists(atPath: input) {
            try SyntheticData.write(.crm, rows: rows, to: input, seed: 1)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
        print(String(format: "%d rows, %.0f MB (%@)", rows, Double(size) / 1e6, input))

        let sqliteDB = "/tmp/hearth-bench-sqlite3.sqlite"
        remove(sqliteDB)
        settle()
        let floor = try timed("/usr/bin/sqlite3", [sqliteDB], stdin: ".mode csv\n.import \(input) crm\n")
        let pythonDB = "/tmp/hearth-bench-python.sqlite"
        remove(pythonDB)
        settle()
        let python = try timed("/usr/bin/env", ["python3", baseline, input, pythonDB])
        let hearthDB = "/tmp/hearth-bench-hearth.sqlite"
        remove(hearthDB)
        settle()
        let ours = try timed(hearth, ["import", "--quiet", "--script", script, "--db", hearthDB, input])
        let store = try SQLiteCaseStore.open(hearthDB)
        let verification = try store.verify()
        try store.closeDatabase()

        func line(_ name: String, _ run: Timed) {
            let rate = Double(rows) / run.seconds
            print(name.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + String(format: "%9.0f rows/s %8.2f s %7.1f MB peak", rate, run.seconds, Double(run.peakKB) / 1024))
        }
        line("sqlite3 .import (plain table, floor)", floor)
        line("python3 csv + sqlite3 (same mapping)", python)
        line("hearth import (legacy_crm.lua)", ours)
        let rate = Double(rows) / ours.seconds
        reportRate("hearth import rows/s", perSecond: rate, target: target)
        print(String(format: "ratio hearth / sqlite3 .import   %.2f   (time %.2f×)", floor.seconds / ours.seconds, ours.seconds / floor.seconds))
        print(String(format: "ratio hearth / python baseline   %.2f×  faster", python.seconds / ours.seconds))
        print("peak memory hearth: \(ours.peakKB / 1024) MB (target < 100 MB)   "
              + (ours.peakKB < 100 * 1024 ? "ok" : "MISSED"))
        print("audit verify: \(verification.failure == nil ? "ok" : "FAILED") (\(verification.eventsChecked) events)")
    }
}

/// CPU per row of each stage, one thread, in process (thread CPU time): where an import's time goes.
private func importStages(input: String, script: String, rows: Int) throws {
    let importScript = try ImportScript(path: script, printHandler: { _ in })
    defer { importScript.close() }
    let interpreter = RowInterpreter(pluginID: "eastleigh", recordedBy: "import", now: Date())
    // Rows are mapped as the import maps them: into an arena per 500 rows, each sized from the one before.
    var chunks: [(arena: FlatJSON, mapped: [ImportScript.Mapped])] = []
    var rowsMapped = 0
    var events: [NewEvent] = []
    let read = try time {
        let source = try CSVRowSource(path: input)
        while try source.withNextRecord({ $0.fields.count }) != nil {}
    }
    let source = try CSVRowSource(path: input)
    try importScript.prepareDriver(header: source.header, file: "bench.csv")
    let map = try time {
        var arena = FlatJSON()
        var mapped: [ImportScript.Mapped] = []
        while rowsMapped < 50_000, let m = try source.withNextRecord({ record in
            try importScript.map(row: record.number, bytes: record.fields, into: &arena)
        }) {
            mapped.append(m)
            rowsMapped += 1
            if mapped.count == ImportRunner.mappedChunkRows {
                chunks.append((arena, mapped))
                arena = FlatJSON(nodes: arena.nodeCount * 9 / 8, bytes: arena.byteCount * 9 / 8)
                mapped = []
            }
        }
        if !mapped.isEmpty { chunks.append((arena, mapped)) }
    }
    let n = Double(rowsMapped)
    let documents = chunks.flatMap { chunk in
        chunk.mapped.compactMap(\.root).filter { chunk.arena.kind($0) == .object }.map { (chunk.arena, $0) }
    }
    let validate = time { for (arena, d) in documents { _ = CaseFile.validate(arena, root: d) } }
    var bytes: [UInt8] = []
    let encode = time {
        for (arena, d) in documents { bytes.removeAll(keepingCapacity: true); CanonicalJSONWriter.write(arena, root: d, to: &bytes) }
    }
    // The same documents as JSONValue trees, for comparison.
    let trees = documents.map { $0.0.value($0.1) }
    let validateTree = time { for d in trees { _ = CaseFile.validate(d) } }
    let encodeTree = time { for d in trees { bytes.removeAll(keepingCapacity: true); CanonicalJSONWriter.write(d, to: &bytes) } }
    print(String(format: "validate + encode, µs per row: CaseFile.validate %.1f, canonical JSON %.1f (as JSONValue trees: %.1f and %.1f)",
                 validate * 1e6 / n, encode * 1e6 / n, validateTree * 1e6 / n, encodeTree * 1e6 / n))
    let check = time {
        for chunk in chunks {
            for m in chunk.mapped {
                switch interpreter.interpret(m, in: chunk.arena) {
                case .event(let e, _): events.append(e)
                case .events(let e, _): events.append(contentsOf: e)
                default: break
                }
            }
        }
    }
    chunks.removeAll()
    // The store stage alone, `HEARTH_IMPORT_BENCH_STORE_ROUNDS` times (default 1) on fresh stores: the fastest
    // round's CPU time on this thread.
    let rounds = max(Int(ProcessInfo.processInfo.environment["HEARTH_IMPORT_BENCH_STORE_ROUNDS"] ?? "") ?? 1, 1)
    var write = Double.infinity
    for _ in 0..<rounds {
        let store = try SQLiteCaseStore.inMemory()
        let seconds = try time {
            var start = 0
            while start < events.count {
                let end = min(start + 5_000, events.count)
                _ = try store.importBatch(Array(events[start..<end]), source: "bench")
                start = end
            }
        }
        write = min(write, seconds)
    }
    print(String(format: "stages, µs per row on one thread: read CSV %.1f, map (Lua, to JSON) %.1f, validate + encode %.1f, store append %.1f (in memory)",
                 read * 1e6 / Double(rows), map * 1e6 / n - read * 1e6 / Double(rows), check * 1e6 / n, write * 1e6 / Double(max(events.count, 1))))
}

private struct Timed {
    var seconds: Double
    var peakKB: Int
}

/// Writes back what earlier runs left in the page cache before the next one is timed, so that no run pays for the
/// one before it (the Python baseline leaves about a gigabyte to write for 1,000,000 rows).
private func settle() {
    sync()
}

private func remove(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// The CPU time `body` takes on this thread, in seconds: steadier than wall time on a shared machine.
private func time(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    let start = now()
    try body()
    return now() - start
}

/// Runs a command under `/usr/bin/time -f "%e %M"` and returns its wall time and peak resident set.
private func timed(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> Timed {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-f", "TIMED %e %M", executable] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    let input = Pipe()
    if stdin != nil { process.standardInput = input }
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
    }
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("TIMED ") }) else {
        throw BenchmarkFailure("\(executable) \(arguments.joined(separator: " ")): no timing (\(text.suffix(300)))")
    }
    let parts = line.split(separator: " ")
    guard process.terminationStatus == 0 else {
        throw BenchmarkFailure("\(executable) \(arguments.joined(separator: " ")) failed: \(text.suffix(500))")
    }
    return Timed(seconds: Double(parts[1]) ?? 0, peakKB: Int(parts[2]) ?? 0)
}


