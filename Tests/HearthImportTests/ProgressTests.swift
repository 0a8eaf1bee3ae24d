import Foundation
import HearthImport
import HearthStore
import Testing

/// What a progress reporter wrote, gathered from whichever thread wrote it.
private final class Written: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ text: String) {
        lock.lock()
        parts.append(text)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return parts
    }
}

@Suite("Progress: a bar on a terminal, plain lines elsewhere")
struct ProgressTests {
    /// Imports 3,000 rows with `progress`, with one mapping thread or several.
    func importRows(progress: any ImportProgress, workers: Int? = nil) throws -> ImportSummary {
        let folder = temporaryFolder()
        let script = caseScript(in: folder, fields: workers == nil ? "" : "parallel = true,")
        let input = write("ref,age\n" + simpleRows(3_000) + "\n", to: "rows.csv", in: folder)
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        var options = ImportOptions()
        options.workers = workers
        let store = try SQLiteCaseStore.open(folder.appendingPathComponent("store.sqlite").path)
        return try ImportRunner(script: importScript, store: store, options: options).run(inputs: [input], progress: progress)
    }

    @Test("Given a terminal, when rows are imported, then a bar with the percentage, rows, rows/s and time left is redrawn, and cleared at the end")
    func bar() throws {
        // Given a reporter that draws on every update
        let written = Written()
        let progress = StreamProgress(interactive: true, interval: 0, label: "rows.csv", write: written.append)
        // When
        let summary = try importRows(progress: progress)
        // Then
        let parts = written.all
        #expect(summary.imported == 3_000)
        #expect(parts.count >= 10)
        let bars = parts.dropLast()
        #expect(bars.allSatisfy { $0.hasPrefix("\rrows.csv [") && $0.contains("rows/s") && $0.contains("ETA ") })
        #expect(bars.contains { $0.contains(" 2816 rows ") })
        #expect(parts.last == "\r\u{1B}[K")
    }

    @Test("Given no terminal and two mapping threads, when rows are imported, then plain lines count up in order, and nothing clears them")
    func plainLines() throws {
        // Given
        let written = Written()
        let progress = StreamProgress(interactive: false, interval: 0, label: "rows.csv", write: written.append)
        // When
        _ = try importRows(progress: progress, workers: 2)
        // Then each line is whole, says how far the input is read, and the counts only go up
        let lines = written.all
        #expect(lines.count >= 10)
        #expect(lines.allSatisfy { $0.hasPrefix("rows.csv: ") && $0.hasSuffix(" left\n") && $0.contains("% of the input") })
        let counts = lines.compactMap { Int($0.dropFirst("rows.csv: ".count).prefix { $0.isNumber }) }
        #expect(counts.count == lines.count)
        #expect(counts == counts.sorted())
    }

    @Test("Given a reporter that waits between lines, when updates come faster, then it writes only as often as its interval")
    func throttled() throws {
        let written = Written()
        let progress = StreamProgress(interactive: false, interval: 3600, label: "rows.csv", write: written.append)
        for n in 1...1_000 { progress.update(rows: n, bytes: n, totalBytes: 1_000) }
        progress.finish(rows: 1_000)
        #expect(written.all.count == 1)
        #expect(written.all.first?.hasPrefix("rows.csv: 1 rows, 0% of the input") == true)
    }
}
