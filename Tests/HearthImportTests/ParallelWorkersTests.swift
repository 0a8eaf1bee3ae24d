import Foundation
import HearthCore
@testable import HearthImport
import HearthStore
import Testing

/// Scripts that declare `parallel = true` map rows on several threads; what lands in the store, in the rejects file and
/// in the summary is the same as with one.
@Suite("Parallel mapping: the same store, rejects and summary as one thread")
struct ParallelWorkersTests {
    /// A case script that declares parallel, checks its setup ran in its own copy, and errors on row 777.
    func parallelScript(in folder: URL) -> String {
        caseScript(
            in: folder,
            extra: """
                if not ready then error("setup did not run in this copy") end
                if ctx.row == 777 then error("no such code") end
                """,
            prelude: "local ready = false",
            fields: "parallel = true, setup = function(ctx) ready = true end,")
    }

    /// 3,000 rows with a ragged row, an age that is not a number, and a row that is not UTF-8 along the way.
    func input(in folder: URL) -> String {
        var text = "ref,age\n"
        for n in 1...3_000 {
            switch n {
            case 100: text += "R\(n),30,extra\n"
            case 250: text += "R\(n),thirty\n"
            default: text += "R\(n),\(20 + n % 50)\n"
            }
        }
        let path = folder.appendingPathComponent("input.csv").path
        var bytes = Array(text.utf8)
        bytes += Array("R3001,".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func importWith(workers: Int, folder: URL, script: String, input: String)
        throws -> (ImportSummary, SQLiteCaseStore, rejects: Data)
    {
        try importWith(workers: workers, folder: folder, script: script, inputs: [input], batch: 700, name: "store")
    }

    /// Imports `inputs` into a new store named after `name` and the worker count, with a rejects file beside it.
    func importWith(workers: Int, folder: URL, script: String, inputs: [String], batch: Int, name: String)
        throws -> (ImportSummary, SQLiteCaseStore, rejects: Data)
    {
        let db = folder.appendingPathComponent("\(name)-\(workers).sqlite").path
        let rejects = folder.appendingPathComponent("\(name)-rejects-\(workers).csv").path
        let summary = try runImport(script: script, inputs: inputs, db: db, rejects: rejects, batch: batch, workers: workers)
        return (summary, try SQLiteCaseStore.open(db), try Data(contentsOf: URL(fileURLWithPath: rejects)))
    }

    @Test("Given a parallel script and a file with bad rows, when imported with 1 and with 3 workers, then the stores are identical to the chain tip, and so are the rejects and counts")
    func sameAsOneWorker() throws {
        // Given
        let folder = temporaryFolder()
        let script = parallelScript(in: folder)
        let csv = input(in: folder)
        // When
        let (one, oneStore, oneRejects) = try importWith(workers: 1, folder: folder, script: script, input: csv)
        let (three, threeStore, threeRejects) = try importWith(workers: 3, folder: folder, script: script, input: csv)
        // Then: 3,001 rows, 4 rejected (ragged, not a number, script error, not UTF-8), in row order in both files
        #expect(one.rowsRead == 3_001 && three.rowsRead == 3_001)
        #expect(one.imported == 2_997 && three.imported == 2_997)
        #expect(one.rejected == 4 && three.rejected == 4)
        #expect(one.firstProblems == three.firstProblems)
        #expect(one.firstProblems.map(\.row) == [101, 251, 777, 3_002])
        #expect(threeRejects == oneRejects)
        #expect(try threeStore.chainTip() == (try oneStore.chainTip()))
        #expect(try threeStore.listCases() == (try oneStore.listCases()))
        #expect(try threeStore.verify().isValid)
    }

    @Test("Given two CSV files and a JSON Lines file, when imported with 1 and with 3 workers, then the stores and rejects are identical")
    func severalFilesAndJSONLines() throws {
        // Given the bad-row file split in two, and the same rows as JSON Lines (one line not JSON), for a parallel
        // script that reads either
        let folder = temporaryFolder()
        let script = parallelScript(in: folder)
        let csv = try String(contentsOfFile: input(in: folder), encoding: .isoLatin1)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst()
        let first = write(([header] + lines[0..<1_400]).joined(separator: "\n") + "\n", to: "a.csv", in: folder)
        let second = write(([header] + lines[1_400..<2_900]).joined(separator: "\n") + "\n", to: "b.csv", in: folder)
        var jsonl = ""
        for n in 1...1_200 { jsonl += n == 600 ? "not json\n" : "{\"ref\": \"J\(n)\", \"age\": \"\(20 + n % 50)\"}\n" }
        let third = write(jsonl, to: "c.jsonl", in: folder)
        func run(_ workers: Int) throws -> (ImportSummary, SQLiteCaseStore, rejects: Data) {
            try importWith(workers: workers, folder: folder, script: script, inputs: [first, second, third], batch: 300,
                           name: "multi")
        }
        // When
        let (one, oneStore, oneRejects) = try run(1)
        let (three, threeStore, threeRejects) = try run(3)
        // Then: 2,900 CSV rows and 1,200 lines read; the ragged row, the age that is not a number, the script's error
        // on row 777 of each CSV file and of the JSON Lines, and the line that is not JSON rejected, all in order
        #expect(one.rowsRead == 4_100 && three.rowsRead == 4_100)
        #expect(one.rejected == three.rejected && one.imported == three.imported)
        #expect(one.imported + one.rejected == 4_100)
        #expect(threeRejects == oneRejects)
        #expect(try threeStore.chainTip() == (try oneStore.chainTip()))
        #expect(try threeStore.verify().isValid)
    }

    @Test("Given a parallel import interrupted and run again with another worker count, then it finishes with nothing new twice")
    func rerunWithOtherWorkers() throws {
        // Given a file imported with 3 workers
        let folder = temporaryFolder()
        let script = parallelScript(in: folder)
        let csv = input(in: folder)
        let (_, store, _) = try importWith(workers: 3, folder: folder, script: script, input: csv)
        let tip = try store.chainTip()
        // When the same store gets the same file with 2 workers
        let db = folder.appendingPathComponent("store-3.sqlite").path
        let again = try runImport(script: script, inputs: [csv], db: db, workers: 2)
        // Then every good row is already there, and the chain is unchanged
        #expect(again.alreadyImported == 2_997)
        #expect(again.imported == 0)
        #expect(try SQLiteCaseStore.open(db).chainTip() == tip)
    }

    @Test("Given a script that does not declare parallel, when more than one worker is asked for, then the import is refused before any row")
    func workersNeedParallel() throws {
        let folder = temporaryFolder()
        let script = caseScript(in: folder)
        let csv = write("ref,age\nR1,30\n", to: "input.csv", in: folder)
        let db = folder.appendingPathComponent("store.sqlite").path
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        var options = ImportOptions()
        options.workers = 2
        let store = try SQLiteCaseStore.open(db)
        let error = #expect(throws: ImportError.self) {
            try ImportRunner(script: importScript, store: store, options: options).run(inputs: [csv])
        }
        #expect(error?.description.contains("--workers 2 needs a script that declares parallel = true") == true)
        #expect(try store.chainTip() == nil)
        // And one worker is fine
        options.workers = 1
        #expect(try ImportRunner(script: importScript, store: store, options: options).run(inputs: [csv]).imported == 1)
    }

    @Test("Given parallel with finish, or parallel that is not a boolean, when the script loads, then it is refused saying why")
    func badParallelDeclarations() throws {
        let folder = temporaryFolder()
        let withFinish = write("""
            return { parallel = true, map = function() end, finish = function() return 1 end }
            """, to: "finish.lua", in: folder)
        let notBoolean = write("""
            return { parallel = "yes", map = function() end }
            """, to: "yes.lua", in: folder)
        let finishError = #expect(throws: ImportError.self) { try ImportScript(path: withFinish, printHandler: { _ in }) }
        #expect(finishError?.description.contains("cannot have 'finish'") == true)
        let booleanError = #expect(throws: ImportError.self) { try ImportScript(path: notBoolean, printHandler: { _ in }) }
        #expect(booleanError?.description.contains("'parallel' must be true or false, found \"yes\"") == true)
    }

    @Test("Given a script whose runtime no longer answers, when it recovers, then it is loaded again and its setup runs again")
    func reloadRunsSetupAgain() throws {
        // Given a script that needs its setup, set up, whose runtime is then lost
        let folder = temporaryFolder()
        let script = try ImportScript(path: parallelScript(in: folder), printHandler: { _ in })
        defer { script.close() }
        try script.prepareDriver(header: ["ref", "age"], file: "x.csv")
        try script.runSetup()
        script.close()
        // When it recovers
        let reloaded = try script.recoverIfNeeded()
        // Then it was loaded again, and maps a row as before (setup ran: the script refuses rows otherwise)
        #expect(reloaded)
        var arena = FlatJSON()
        let row = ["R1", "30"].map { Array($0.utf8) }
        let mapped = try row[0].withUnsafeBytes { ref in
            try row[1].withUnsafeBytes { age in try script.map(row: 2, bytes: [ref, age], into: &arena) }
        }
        #expect(mapped.problems.isEmpty)
        #expect(mapped.externalID == "R1")
        #expect(try script.recoverIfNeeded() == false)
    }

    @Test("Given workers waiting for room, when one worker fails, then the others are woken with the failure rather than left waiting")
    func failureWakesWaitingWorkers() throws {
        // Given a writer with room for two chunks, both taken, and a worker waiting for a third
        let writer = BatchWriter(
            store: try SQLiteCaseStore.inMemory(), commit: true, rejects: nil, keep: 5, batchSize: 100, chunksAhead: 2)
        try writer.waitForRoom()
        try writer.waitForRoom()
        let woken = DispatchSemaphore(value: 0)
        let outcome = Handoff(ResultBox())
        Thread {
            do { try writer.waitForRoom() } catch { outcome.value.error = error }
            woken.signal()
        }.start()
        // When another worker fails
        writer.abandon(ImportError.store("disk full"))
        // Then the waiting one wakes within a second, with that failure
        #expect(woken.wait(timeout: .now() + 1) == .success)
        #expect(outcome.value.error as? ImportError == .store("disk full"))
        #expect(throws: ImportError.self) { try writer.drain() }
    }
}

private final class ResultBox: @unchecked Sendable {
    var error: (any Error)?
}
