import ArgumentParser
import Foundation
import GRDB
@testable import HearthCLI
import HearthStore
import Testing

/// What one in-process run of `hearth` gave: its output (or error message) and its exit status.
struct CommandResult {
    /// What the command printed on success.
    var output: String
    /// The error message on failure (what `hearth` prints after `Error:`).
    var error: String
    /// The exit status `hearth` would exit with.
    var status: Int32

    /// Output and error together, for matching text wherever it was written.
    var text: String { output + error }
}

/// Runs `hearth` commands in-process against a temporary store and the real plugins.
struct CLIFixture {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Cross Keys Homes' plugin folder.
    static let crossKeysHomes = root.appendingPathComponent("plugins/cross_keys_homes").path
    /// Eastleigh's plugin folder.
    static let eastleigh = root.appendingPathComponent("plugins/eastleigh").path

    /// A temporary folder of the test's own.
    let folder: URL
    /// The store file.
    var db: String { folder.appendingPathComponent("hearth.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Removes the temporary folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Parses and runs `hearth ARGS` in-process, as the binary would, with `--db` pointing at this fixture's store
    /// for the store commands.
    func hearth(_ arguments: [String]) -> CommandResult {
        do {
            var command = try HearthCommand.parseAsRoot(arguments)
            if let output = command as? any OutputCommand {
                return CommandResult(output: try output.execute(), error: "", status: 0)
            }
            try command.run()
            return CommandResult(output: "", error: "", status: 0)
        } catch {
            return CommandResult(output: "", error: HearthCommand.message(for: error), status: HearthCommand.exitCode(for: error).rawValue)
        }
    }

    /// `hearth` with `--db` added.
    func store(_ arguments: String...) -> CommandResult {
        hearth(arguments + ["--db", db])
    }

    /// How many events the store holds (0 when there is no store file).
    func eventCount() throws -> Int64 {
        guard FileManager.default.fileExists(atPath: db) else { return 0 }
        return try SQLiteCaseStore.open(db).verify().eventsChecked
    }

    /// The events of one case, oldest first.
    func events(_ caseID: String) throws -> [StoredEvent] {
        try SQLiteCaseStore.open(db).events(for: caseID)
    }

    /// Writes a Cross Keys Homes case in Cambridgeshire (threshold 17) from docs/examples/dash-15-cambridgeshire.json
    /// with another id, DASH count and referral consents.
    /// - Returns: The file's path.
    func crossKeysCase(id: String, dash: Int, consent: String = #"{ "specialist": "given" }"#) throws -> String {
        let example = try String(contentsOf: Self.root.appendingPathComponent("docs/examples/dash-15-cambridgeshire.json"), encoding: .utf8)
        let text = example
            .replacingOccurrences(of: "\"CKH-2025-0207\"", with: "\"\(id)\"")
            .replacingOccurrences(of: #""yes_count": 15"#, with: "\"yes_count\": \(dash)")
            .replacingOccurrences(of: #""referrals": { "idva": "given" }"#, with: "\"referrals\": \(consent)")
        #expect(text.contains("\"\(id)\"") && text.contains("\"yes_count\": \(dash)") && text.contains(consent))
        return try write(text, as: "\(id).json")
    }

    /// Writes a file into the fixture's folder and returns its path.
    func write(_ text: String, as name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The case as `hearth case show --format json` prints it.
    func shownCase(_ caseID: String) throws -> [String: Any] {
        let shown = store("case", "show", caseID, "--format", "json")
        #expect(shown.status == 0, "\(shown.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])
    }

    /// The referral to `partner` in the current plan, as JSON.
    func plannedReferral(_ caseID: String, _ partner: String) throws -> [String: Any]? {
        let plan = try #require(try shownCase(caseID)["plan"] as? [String: Any])
        let referrals = try #require(plan["referrals"] as? [[String: Any]])
        return referrals.first { $0["partner"] as? String == partner }
    }

    /// Opens the store file with plain SQL, drops the append-only triggers and runs `sql`: what an attacker with the file could do.
    func tamper(_ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let attacker = try DatabaseQueue(path: db, configuration: configuration)
        try attacker.write { db in
            try db.execute(sql: "DROP TRIGGER events_are_never_updated; DROP TRIGGER events_are_never_deleted")
            try db.execute(sql: sql)
        }
        try attacker.close()
    }
}
