import Foundation
import HearthImport
import HearthStore
import Testing

@Suite("Resuming after a crash", .serialized)
struct ResumeTests {
    static let binary = repositoryRoot.appendingPathComponent(".build/debug/hearth").path

    @Test("Given an import killed with kill -9 mid-run, when the same command runs again, then it finishes with no duplicates and nothing lost")
    func killAndResume() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            Issue.record("skipped: build the hearth binary first (swift build) — \(Self.binary) is missing")
            return
        }
        let folder = temporaryFolder()
        let input = folder.appendingPathComponent("crm.csv").path
        let db = folder.appendingPathComponent("store.sqlite").path
        try SyntheticData.write(.crm, rows: 20_000, to: input, seed: 11)
        let arguments = ["import", "--quiet", "--batch", "500", "--script", repoPath("scripts/import/legacy_crm.lua"),
                         "--db", db, input]

        let child = Process()
        child.executableURL = URL(fileURLWithPath: Self.binary)
        child.arguments = arguments
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        // Wait until some batches are committed, then kill it without warning.
        let deadline = Date().addingTimeInterval(60)
        var committed: Int64 = 0
        while Date() < deadline, child.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            committed = (try? SQLiteCaseStore.open(db).chainTip()?.seq) ?? 0
            if committed >= 1_000 { break }
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        let before = try SQLiteCaseStore.open(db)
        #expect(try before.verify().failure == nil)
        let partial = try before.listCases().count
        #expect(partial > 0, "the import was killed before any batch was committed")

        let summary = try runImport(script: repoPath("scripts/import/legacy_crm.lua"), inputs: [input], db: db, batch: 500)
        let store = try SQLiteCaseStore.open(db)
        let cases = try store.listCases().count
        #expect(summary.alreadyImported == partial)
        #expect(cases == summary.rowsRead - summary.rejected - summary.skipped)
        #expect(cases == partial + summary.imported)
        #expect(try store.verify().failure == nil)

        let again = try runImport(script: repoPath("scripts/import/legacy_crm.lua"), inputs: [input], db: db)
        #expect(again.imported == 0)
    }
}
