import Foundation

/// The outcome of one scenario (or one grid row) under one plugin.
public struct ScenarioResult: Sendable {
    /// Passed; failed with differences; an error in the scenario itself; or skipped with a reason.
    public enum Outcome: Sendable, Equatable {
        case passed
        /// The plan differs from the expectation: one line per difference.
        case failed([String])
        /// The scenario could not be checked (bad case, unknown plugin, unknown expect field, syntax error …).
        case error([String])
        /// `skip = "reason"`.
        case skipped(String)
    }

    /// The scenario file as shown in reports.
    public var file: String
    /// The line of the `scenario` or `grid` call, when known.
    public var line: Int?
    /// The full name (describe blocks and grid row included); empty for a file that did not load.
    public var name: String
    /// The plugin id it ran against, when it got that far.
    public var plugin: String?
    /// The policy section the scenario checks.
    public var source: String?
    /// What happened.
    public var outcome: Outcome
    /// Seconds taken (deciding and matching).
    public var seconds: Double

    /// Creates a result.
    public init(file: String, line: Int?, name: String, plugin: String?, source: String?, outcome: Outcome, seconds: Double = 0) {
        self.file = file; self.line = line; self.name = name; self.plugin = plugin; self.source = source
        self.outcome = outcome; self.seconds = seconds
    }

    /// `file:line`, or the file alone.
    public var location: String { line.map { "\(file):\($0)" } ?? file }

    /// The name with the plugin: `name [cross_keys_homes]`.
    public var title: String { plugin.map { "\(name) [\($0)]" } ?? name }

    /// The report lines for a failure or an error; none for a pass or a skip.
    public var reportLines: [String] {
        switch outcome {
        case .passed, .skipped: return []
        case .failed(let lines):
            var out = ["\(location): FAIL \(title)"]
            if let source { out.append("    policy: \(source)") }
            return out + lines.map { "    " + $0 }
        case .error(let lines):
            if name.isEmpty, lines.count == 1 { return ["\(location): ERROR \(lines[0])"] }
            return ["\(location): ERROR \(name.isEmpty ? "(file)" : title)"] + lines.map { "    " + $0 }
        }
    }
}

/// Everything a `hearth test` run found.
public struct ScenarioRun: Sendable {
    /// Every result, in file and definition order.
    public var results: [ScenarioResult]
    /// The scenario files run, as shown in reports.
    public var files: [String]
    /// Coverage per plugin used, when asked for.
    public var coverage: [PluginCoverage]
    /// Seconds spent running scenarios (after the files were found).
    public var seconds: Double

    /// Scenarios that passed.
    public var passed: Int { results.filter { $0.outcome == .passed }.count }
    /// Scenarios whose expectation failed.
    public var failures: Int { results.filter { if case .failed = $0.outcome { true } else { false } }.count }
    /// Scenarios (or files) that could not be checked.
    public var errors: Int { results.filter { if case .error = $0.outcome { true } else { false } }.count }
    /// Scenarios skipped with `skip`.
    public var skipped: Int { results.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    /// Failed and errored together, as the summary counts them.
    public var failed: Int { failures + errors }
    /// Scenarios that ran (passed or failed).
    public var ran: Int { results.count - skipped }

    /// `N passed, N failed`, then `, N skipped` when any were skipped.
    public var summary: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
