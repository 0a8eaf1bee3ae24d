import Foundation
import HearthImport
import HearthStore

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repoPath(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

/// A fresh folder for one test.
func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-import-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes text to a file in `folder` and returns its path.
@discardableResult
func write(_ text: String, to name: String, in folder: URL) -> String {
    let path = folder.appendingPathComponent(name).path
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
}

/// Runs an import in-process.
func runImport(
    script: String, inputs: [String], db: String, rejects: String? = nil, dryRun: Bool = false, batch: Int = 5_000,
    limits: LuaLimitsChoice = .standard, workers: Int? = nil
) throws -> ImportSummary {
    let importScript = try ImportScript(path: script, rowLimits: limits.value, printHandler: { _ in })
    defer { importScript.close() }
    let store = try SQLiteCaseStore.open(db)
    var options = ImportOptions()
    options.rejectsPath = rejects
    options.dryRun = dryRun
    options.batchSize = batch
    options.workers = workers
    options.now = Date(timeIntervalSince1970: 1_750_000_000)
    return try ImportRunner(script: importScript, store: store, options: options).run(inputs: inputs)
}

import LuaBridge

/// Row limits for tests.
enum LuaLimitsChoice {
    case standard
    case small
    var value: LuaLimits {
        switch self {
        case .standard: return ImportScript.defaultRowLimits
        case .small: return LuaLimits(instructions: 200_000, memoryBytes: 8 << 20, timeout: 2)
        }
    }
}

/// Lines of a CSV file, parsed with the same reader the import uses.
func csvRecords(_ path: String) throws -> (header: [String], rows: [[String]]) {
    let source = try CSVRowSource(path: path)
    var rows: [[String]] = []
    while let row = try source.next() { rows.append(row.fields) }
    return (source.header, rows)
}

/// A tiny import script for the bad-input tests: one case per row, with optional misbehaviour (`extra`, run first
/// in `map`), code before the script's table (`prelude`) and more fields in it (`fields`).
func caseScript(in folder: URL, extra: String = "", prelude: String = "", fields: String = "") -> String {
    write("""
        \(prelude) return {
          source = "test",
          plugin = "eastleigh",
          columns = { "ref", "age" }, \(fields)
          map = function(row, ctx)
            \(extra)
            local age = math.tointeger(tonumber(row.age))
            if not age then ctx.reject("age", "'" .. row.age .. "' is not a whole number") end
            return {
              external_id = row.ref,
              id = "T-" .. row.ref,
              reported_at = "2025-03-04T10:00:00Z",
              channel = "phone",
              immediate_danger = false,
              victim = { age = age },
              perpetrator = { relationship = "spouse" },
              behaviours = { "physical" },
            }
          end,
        }
        """, to: "cases.lua", in: folder)
}

/// `rows` simple CSV rows for `caseScript`.
func simpleRows(_ rows: Int, from: Int = 1) -> String {
    (from..<(from + rows)).map { "R\($0),\(20 + $0 % 50)" }.joined(separator: "\n")
}
