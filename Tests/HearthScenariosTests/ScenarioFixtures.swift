import Foundation
@testable import HearthScenarios

/// The package root, found from this file's path, so that tests use the real plugins.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A temporary folder of scenario files, removed when the value goes.
final class ScenarioFolder {
    let url: URL

    /// Writes each `name: source` into a fresh temporary folder (names may hold sub-folders).
    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-scenarios-\(UUID().uuidString)")
        for (name, source) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try source.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of a file in the folder, as reports show it.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Runs every scenario in the folder against the real plugins.
    func run(filter: String? = nil, tags: [String] = [], coverage: Bool = false, plugins: String = "plugins") throws -> ScenarioRun {
        let options = ScenarioOptions(paths: [url.path], pluginsFolder: plugins, filter: filter, tags: tags,
                                      coverage: coverage, projectRoot: packageRoot)
        return try ScenarioRunner(options: options).run()
    }
}

extension ScenarioRun {
    /// Every report line, as `hearth test` prints them.
    var reportText: String { results.flatMap(\.reportLines).joined(separator: "\n") }
}

extension ScenarioResult {
    /// The lines of a failure or an error, without the heading.
    var detail: [String] {
        switch outcome {
        case .failed(let lines), .error(let lines): lines
        default: []
        }
    }

    var isError: Bool { if case .error = outcome { true } else { false } }
    var isFailure: Bool { if case .failed = outcome { true } else { false } }
}
