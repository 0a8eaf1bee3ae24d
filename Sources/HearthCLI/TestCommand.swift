import ArgumentParser
import Foundation
import HearthScenarios

/// `hearth test`: runs policy scenario scripts against plugins and reports what differs.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy scenario scripts against council plugins (see docs/scenarios.md).",
        discussion: """
        Prints one entry per failure or error with the scenario's file:line and what differs, then a last line \
        'N passed, N failed' (', N skipped' when any were skipped). Errors (a scenario that cannot be checked) count \
        as failed. Exit status: 0 when nothing failed, 1 when something failed or errored (or, with --fail-on-empty, \
        nothing ran), 2 on a usage error.
        """
    )

    @Argument(help: "Scenario files or folders, searched recursively for *.lua (default: scripts/scenarios).")
    var paths: [String] = []

    @Option(help: "The folder plugin ids resolve in (<folder>/<id>).")
    var plugins: String = "plugins"

    @Option(help: "Run only scenarios whose name contains this text (case-insensitive).")
    var filter: String?

    @Option(name: .customLong("tag"), help: "Run only scenarios with this tag (repeat for any of several).")
    var tags: [String] = []

    @Option(help: "Write a JUnit XML report to this file.")
    var junit: String?

    @Flag(help: "Report which plugin data items, hook lines and core rules the scenarios exercised.")
    var coverage = false

    @Flag(help: "Fail when no scenario ran.")
    var failOnEmpty = false

    @Flag(help: "Print a line for every scenario, passed or skipped too.")
    var verbose = false

    func run() throws {
        let options = ScenarioOptions(paths: paths.isEmpty ? ["scripts/scenarios"] : paths, pluginsFolder: plugins,
                                      filter: filter, tags: tags, coverage: coverage)
        let runner = ScenarioRunner(options: options)
        let run: ScenarioRun
        do { run = try runner.run() } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        for result in run.results {
            let lines = result.reportLines
            if !lines.isEmpty {
                print(lines.joined(separator: "\n"))
            } else if verbose {
                switch result.outcome {
                case .skipped(let reason): print("\(result.location): SKIP \(result.title) (\(reason))")
                default: print("\(result.location): PASS \(result.title)")
                }
            }
        }
        if coverage {
            print("")
            print("coverage (\(run.coverage.count) plugin\(run.coverage.count == 1 ? "" : "s")):")
            for plugin in run.coverage { print(plugin.reportLines.map { "  " + $0 }.joined(separator: "\n")) }
            print("  note: \(CoverageReport.coreRulesNote)")
        }
        if let junit {
            do {
                try JUnitReport.xml(run).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                FileHandle.standardError.write(Data("error: --junit \(junit): cannot write the report: \(error.localizedDescription)\n".utf8))
                print(run.summary)
                throw ExitCode(2)
            }
        }
        let empty = failOnEmpty && run.ran == 0
        if empty { print("no scenario ran (--fail-on-empty): check the paths, --filter and --tag") }
        if run.errors > 0 { print("\(run.errors) error\(run.errors == 1 ? "" : "s")") }
        print(run.summary)
        if run.failed > 0 || empty { throw ExitCode(1) }
    }
}
