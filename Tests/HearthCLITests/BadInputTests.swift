import Foundation
import HearthStore
import Testing

/// Every wrong input is named in the error, exits 1 and writes nothing (invariant 8).
@Suite("Bad input: a clear error naming the thing, exit 1, nothing written")
struct BadInputTests {
    /// A store holding one open Cross Keys Homes case, CKH-1 (DASH 17, Cambridgeshire).
    private func storeWithOneCase() throws -> CLIFixture {
        let f = try CLIFixture()
        let opened = f.store("case", "open", "--plugin", CLIFixture.crossKeysHomes, try f.crossKeysCase(id: "CKH-1", dash: 17),
                             "--by", "ali", "--now", "2025-03-04T10:00:00Z")
        #expect(opened.status == 0, "\(opened.error)")
        return f
    }

    /// Runs a command that must fail, and checks it exits 1, names every `expected` text and writes nothing.
    private func expectRefused(_ f: CLIFixture, _ arguments: [String], naming expected: [String],
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try f.eventCount()
        let result = f.hearth(arguments + ["--db", f.db])
        #expect(result.status == 1, "exit status \(result.status): \(result.text)", sourceLocation: sourceLocation)
        for text in expected {
            #expect(result.error.contains(text), "'\(text)' not in: \(result.error)", sourceLocation: sourceLocation)
        }
        #expect(try f.eventCount() == before, "events were written", sourceLocation: sourceLocation)
    }

    @Test("Given no case CKH-404, when any case command names it, then the error names it and nothing is written")
    func unknownCase() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        let plugin = CLIFixture.crossKeysHomes
        try expectRefused(f, ["case", "show", "CKH-404"], naming: ["case 'CKH-404' does not exist"])
        try expectRefused(f, ["case", "decide", "CKH-404", "--plugin", plugin], naming: ["case 'CKH-404' does not exist"])
        try expectRefused(f, ["case", "consent", "CKH-404", "--partner", "police", "--given", "--by", "ali", "--plugin", plugin],
                          naming: ["case 'CKH-404' does not exist"])
        try expectRefused(f, ["case", "referral", "CKH-404", "--partner", "marac", "--sent", "--by", "ali"],
                          naming: ["case 'CKH-404' does not exist"])
        try expectRefused(f, ["case", "close", "CKH-404", "--outcome", "handoff_declined", "--reason", "x", "--plugin", plugin],
                          naming: ["case 'CKH-404' does not exist"])
    }

    @Test("Given Cross Keys Homes has no IDVA partner, when consent is recorded for 'idva', then the error lists the partners that exist")
    func consentForUnknownPartner() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        try expectRefused(f, ["case", "consent", "CKH-1", "--partner", "idva", "--given", "--by", "ali", "--plugin", CLIFixture.crossKeysHomes],
                          naming: ["--partner 'idva'", "plugin 'cross_keys_homes' has no partner", "area_high_risk_service (specialist)", "police (police)"])
    }

    @Test("Given a closed case, when it is closed again, then the error says when and how it was closed")
    func closingTwice() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        let closed = f.store("case", "close", "CKH-1", "--outcome", "handoff_declined", "--reason", "Hand-off declined by phone",
                             "--plugin", CLIFixture.crossKeysHomes, "--now", "2025-03-05T10:00:00Z")
        #expect(closed.status == 0, "\(closed.error)")
        try expectRefused(f, ["case", "close", "CKH-1", "--outcome", "handoff_declined", "--reason", "again", "--plugin", CLIFixture.crossKeysHomes],
                          naming: ["case 'CKH-1' is already closed", "2025-03-05", "handoff_declined"])
        try expectRefused(f, ["case", "decide", "CKH-1", "--plugin", CLIFixture.crossKeysHomes], naming: ["case 'CKH-1' is closed"])
        try expectRefused(f, ["case", "referral", "CKH-1", "--partner", "marac", "--sent", "--by", "ali"], naming: ["case 'CKH-1' is closed"])
    }

    @Test("Given Cross Keys Homes closes only with 'handoff_declined', when another outcome is given, then the error names the closure reasons that exist")
    func outcomeNotInThePlugin() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        try expectRefused(f, ["case", "close", "CKH-1", "--outcome", "support_complete", "--reason", "done", "--plugin", CLIFixture.crossKeysHomes],
                          naming: ["--outcome 'support_complete'", "closure reasons", "handoff_declined"])
    }

    @Test("Given a case file with a wrong age and a missing channel, when it is opened, then every problem is named by JSON path and nothing is written")
    func invalidCaseFile() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        let good = try String(contentsOfFile: try f.crossKeysCase(id: "CKH-2", dash: 17), encoding: .utf8)
        let bad = good.replacingOccurrences(of: #""age": 29"#, with: #""age": "twenty-nine""#)
            .replacingOccurrences(of: #""channel": "in_person","#, with: "")
        #expect(bad != good)
        let file = try f.write(bad, as: "bad.json")
        try expectRefused(f, ["case", "open", "--plugin", CLIFixture.crossKeysHomes, file],
                          naming: ["bad.json", "2 problems", "victim.age", "channel"])
        try expectRefused(f, ["case", "open", "--plugin", CLIFixture.crossKeysHomes, f.folder.appendingPathComponent("missing.json").path],
                          naming: ["missing.json: no such case file"])
        #expect(try f.events("CKH-2").isEmpty)
    }

    @Test("Given a plugin folder that does not exist, when a case is opened or decided with it, then the error names the folder")
    func missingPlugin() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        let nowhere = f.folder.appendingPathComponent("plugins/northshire").path
        try expectRefused(f, ["case", "open", "--plugin", nowhere, try f.crossKeysCase(id: "CKH-3", dash: 17)],
                          naming: [nowhere, "no such plugin folder"])
        try expectRefused(f, ["case", "decide", "CKH-1", "--plugin", nowhere],
                          naming: ["plugin 'cross_keys_homes'", nowhere, "no such plugin folder"])
        try expectRefused(f, ["case", "close", "CKH-1", "--outcome", "handoff_declined", "--reason", "x", "--plugin", nowhere],
                          naming: [nowhere])
    }

    @Test("Given a Cross Keys Homes case, when it is decided with Eastleigh's plugin, then the error names both plugins")
    func anotherCouncilsPlugin() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        try expectRefused(f, ["case", "decide", "CKH-1", "--plugin", CLIFixture.eastleigh],
                          naming: ["is plugin 'eastleigh'", "handled under plugin 'cross_keys_homes'"])
    }

    @Test("Given case CKH-1 is stored, when a case file with the same id is opened, then the error says the id is taken")
    func openingTwice() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        try expectRefused(f, ["case", "open", "--plugin", CLIFixture.crossKeysHomes, try f.crossKeysCase(id: "CKH-1", dash: 10)],
                          naming: ["case 'CKH-1' already exists"])
    }

    @Test("Given the police referral awaits consent, when it is recorded as sent, then the error says it awaits consent and how to record it")
    func referralAwaitingConsent() throws {
        let f = try storeWithOneCase()
        defer { f.remove() }
        try expectRefused(f, ["case", "referral", "CKH-1", "--partner", "police", "--sent", "--by", "ali"],
                          naming: ["referral to police", "awaits consent", "hearth case consent CKH-1 --partner police --given"])
        try expectRefused(f, ["case", "referral", "CKH-1", "--partner", "refuge", "--sent", "--by", "ali"],
                          naming: ["--partner 'refuge'", "no referral to it"])
    }

    @Test("Given a store file that does not exist, when it is verified or reported on, then the error names the file and none is created")
    func missingStore() throws {
        let f = try CLIFixture()
        defer { f.remove() }
        let verify = f.store("audit", "verify")
        #expect(verify.status == 1)
        #expect(verify.error.contains("no such case store"))
        #expect(!FileManager.default.fileExists(atPath: f.db))
    }

    @Test("Given hearth import, when --workers is 0 or more than one is asked of a script without parallel, then it is refused naming the option and nothing is written")
    func importWorkers() throws {
        let f = try CLIFixture()
        defer { f.remove() }
        let root = CLIFixture.root.path
        // Given 0 workers: a usage error naming the option (the binary exits 2 for it; see BinaryTests)
        let zero = f.store("import", "--workers", "0", "--script", root + "/scripts/import/legacy_crm.lua",
                           root + "/scripts/import/samples/crm_export.csv")
        #expect(zero.status != 0 && zero.status != 1)
        #expect(zero.error.contains("--workers: expected 1 or more, found 0"))
        // Given a script that keeps counts from row to row: refused naming the script and what it lacks
        let repairs = f.store("import", "--workers", "2", "--script", root + "/scripts/import/repairs_log.lua",
                              root + "/scripts/import/samples/repairs_log.csv")
        #expect(repairs.status == 1)
        #expect(repairs.error.contains("repairs_log.lua"))
        #expect(repairs.error.contains("--workers 2 needs a script that declares parallel = true"))
        #expect(try f.eventCount() == 0)
    }
}
