import ArgumentParser
import Foundation
import HearthImport
import HearthPlugins
import HearthStore
import LuaBridge

/// `hearth import`: moves records from a CRM export, a repairs log or a spreadsheet into the store through a Lua mapping script.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import rows from CSV or JSON Lines files into the store through a Lua mapping script.",
        discussion: """
            Each row goes to the script's map(row, ctx); what it returns (a case, events for an existing case, or an
            identification signal) is validated and written in transactional batches with the audit chain.
            Running the same command again creates nothing new, and finishes an import that was interrupted.
            See docs/import.md.
            """
    )

    @Option(name: .long, help: "The import script (Lua).")
    var script: String

    @Option(name: .long, help: "The store (SQLite file; created when missing).")
    var db: String

    @Argument(help: "Input files, read in order.")
    var inputs: [String]

    @Option(name: .long, help: "Input format: csv or jsonl (default: from each file's extension).")
    var format: String?

    @Flag(name: .long, help: "Do everything except commit.")
    var dryRun = false

    @Option(name: .long, help: "Write rejected rows to this CSV file.")
    var rejects: String?

    @Option(name: .long, help: "Events per transaction.")
    var batch = 5_000

    @Option(name: .long, help: "The plugin folder (e.g. plugins/eastleigh) cases are opened under; overrides the script's 'plugin'.")
    var plugin: String?

    @Option(name: .long, help: "The source name external ids are unique within (default: the script's 'source', else script:file).")
    var source: String?

    @Option(name: .long, help: "Instructions each row's mapping may run.")
    var rowInstructions = 2_000_000

    @Option(name: .long, help: "Threads mapping rows, for a script that declares parallel = true (default: one per core, up to 4).")
    var workers: Int?

    @Flag(name: .long, help: "No progress output.")
    var quiet = false

    func run() throws {
        var options = ImportOptions()
        options.batchSize = max(1, batch)
        if let workers, workers < 1 { throw ValidationError("--workers: expected 1 or more, found \(workers)") }
        options.workers = workers
        options.dryRun = dryRun
        options.rejectsPath = rejects
        options.source = source
        if let format {
            guard let f = InputFormat(rawValue: format) else {
                throw ValidationError("--format: expected csv or jsonl, found \"\(format)\"")
            }
            options.format = f
        }
        var context: [String: LuaValue] = [:]
        if let plugin {
            let loaded: Plugin
            do { loaded = try PluginLoader().load(plugin) } catch { throw CommandFailure("\(error)") }
            options.pluginID = loaded.manifest.id
            // The signals whose threshold the policy gives: kind → count (docs/plugin-api.md, identification).
            var signals: [String: LuaValue] = [:]
            for (kind, signal) in loaded.identification {
                if let count = signal.count { signals[kind] = .integer(Int64(count)) }
            }
            context["plugin"] = .table([
                "id": .string(loaded.manifest.id), "name": .string(loaded.manifest.name),
                "identification": .table(signals),
            ])
            for warning in loaded.warnings where warning.path.hasPrefix("identification.") {
                FileHandle.standardError.write(Data("warning: \(warning) — the script's own threshold applies\n".utf8))
            }
        }
        for input in inputs where !FileManager.default.fileExists(atPath: input) {
            throw CommandFailure("\(input): no such file")
        }
        do {
            let limits = LuaLimits(instructions: rowInstructions, memoryBytes: 64 << 20, timeout: 2)
            let importScript = try ImportScript(path: script, rowLimits: limits, context: context) { line in
                FileHandle.standardError.write(Data("\(line)\n".utf8))
            }
            defer { importScript.close() }
            let store = try SQLiteCaseStore.open(db)
            let label = inputs.count == 1 ? (inputs[0] as NSString).lastPathComponent : "\(inputs.count) files"
            let progress: any ImportProgress = quiet ? SilentProgress() : StreamProgress(label: label)
            let summary = try ImportRunner(script: importScript, store: store, options: options)
                .run(inputs: inputs, progress: progress)
            print(summary.text)
            if let rejects, summary.rejected > 0 { print("rejected rows written to \(rejects)") }
        } catch let error as ImportError {
            throw CommandFailure(error.description)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

/// `hearth generate`: synthetic inputs for the example import scripts, of any size.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic CRM export, repairs log or ASB complaints log for tests and benchmarks."
    )

    @Argument(help: "What to generate: crm, repairs or asb.")
    var kind: String

    @Option(name: .long, help: "Number of rows (after the header).")
    var rows: Int

    @Option(name: .long, help: "The file to write.")
    var out: String

    @Option(name: .long, help: "Seed: the same seed gives the same file.")
    var seed: UInt64 = 1

    func run() throws {
        guard let k = SyntheticData.Kind(rawValue: kind) else {
            throw ValidationError("expected crm, repairs or asb, found \"\(kind)\"")
        }
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more") }
        do {
            try SyntheticData.write(k, rows: rows, to: out, seed: seed)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
