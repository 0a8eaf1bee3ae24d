import Foundation
import HearthImport
import HearthStore
import Testing

@Suite("Example import scripts on their samples")
struct ExampleScriptTests {
    @Test("Given the legacy CRM sample, when it is imported, then every row becomes a case and the chain verifies")
    func legacyCRM() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let summary = try runImport(script: repoPath("scripts/import/legacy_crm.lua"),
                                    inputs: [repoPath("scripts/import/samples/crm_export.csv")], db: db)
        #expect(summary.rowsRead == 40)
        #expect(summary.imported == 40)
        #expect(summary.rejected == 0)
        let store = try SQLiteCaseStore.open(db)
        #expect(try store.listCases().count == 40)
        #expect(try store.verify().failure == nil)
        let state = try store.state(for: "CRM-CRM0000004")
        #expect(state.pluginID == "eastleigh")
    }

    @Test("Given the repairs sample, when it is imported, then properties past a threshold get welfare-check flags")
    func repairsLog() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let summary = try runImport(script: repoPath("scripts/import/repairs_log.lua"),
                                    inputs: [repoPath("scripts/import/samples/repairs_log.csv")], db: db)
        #expect(summary.rowsRead == 120)
        #expect(summary.imported >= 1)
        #expect(summary.imported + summary.skipped == 120)
        let store = try SQLiteCaseStore.open(db)
        #expect(try store.listCases().isEmpty)
        let flagged = (0..<5).flatMap { (try? store.propertySignals(for: String(format: "P%06d", $0))) ?? [] }
        #expect(flagged.count == summary.imported)
        #expect(flagged.allSatisfy { ["door_damage", "lock_change", "window_damage", "repairs_above_average"].contains($0.signal) })
        #expect(try store.verify().failure == nil)
    }

    @Test("Given the ASB sample, when it is imported, then relevant complaints become signals and the rest are skipped")
    func asbComplaints() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let summary = try runImport(script: repoPath("scripts/import/asb_complaints.lua"),
                                    inputs: [repoPath("scripts/import/samples/asb_complaints.csv")], db: db)
        #expect(summary.rowsRead == 40)
        #expect(summary.imported == 31)
        #expect(summary.skipped == 9)
        #expect(try SQLiteCaseStore.open(db).verify().failure == nil)
    }

    @Test("Given an imported file, when it is imported again, then nothing new is created")
    func idempotent() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let script = repoPath("scripts/import/legacy_crm.lua")
        let input = repoPath("scripts/import/samples/crm_export.csv")
        _ = try runImport(script: script, inputs: [input], db: db)
        let tip = try SQLiteCaseStore.open(db).chainTip()
        let again = try runImport(script: script, inputs: [input], db: db)
        #expect(again.imported == 0)
        #expect(again.alreadyImported == 40)
        #expect(try SQLiteCaseStore.open(db).chainTip() == tip)
    }

    @Test("Given a dry run, when it finishes, then it reports the rows but the store holds nothing")
    func dryRun() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let summary = try runImport(script: repoPath("scripts/import/legacy_crm.lua"),
                                    inputs: [repoPath("scripts/import/samples/crm_export.csv")], db: db, dryRun: true)
        #expect(summary.imported == 40)
        let store = try SQLiteCaseStore.open(db)
        #expect(try store.listCases().isEmpty)
        #expect(try store.chainTip() == nil)
    }

    @Test("Given the generator, when it writes the same seed twice, then the files are identical")
    func generatorIsDeterministic() throws {
        let folder = temporaryFolder()
        let a = folder.appendingPathComponent("a.csv").path
        let b = folder.appendingPathComponent("b.csv").path
        try SyntheticData.write(.crm, rows: 500, to: a, seed: 9)
        try SyntheticData.write(.crm, rows: 500, to: b, seed: 9)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        #expect(try csvRecords(a).rows.count == 500)
    }
}
