import Foundation
import HearthCore
@testable import HearthPlugins

/// The package root, found from this file, so tests can load the real plugins.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let brokenFolder = "Tests/HearthPluginsTests/Fixtures/broken"
let fixedClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_741_082_400) } // 2025-03-04T10:00:00Z

func loader() -> PluginLoader { PluginLoader(clock: fixedClock, projectRoot: packageRoot) }

func load(_ folder: String) throws -> Plugin { try loader().load(folder) }

func problems(_ folder: String) -> [PluginProblem] {
    do {
        _ = try loader().load(folder)
        return []
    } catch {
        return error.problems
    }
}

func exampleCase(_ name: String) throws -> CaseFile {
    try CaseFile.parse(json: Data(contentsOf: packageRoot.appendingPathComponent("docs/examples/\(name).json")))
}

let now = Timestamp.parse("2025-03-04T10:00:00Z")!
