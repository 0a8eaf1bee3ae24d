import ArgumentParser
import Foundation
import HearthCore
import HearthPlugins

/// Output formats for plans.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, text
}

/// Reads and validates a case file, with every problem listed by JSON path.
func readCase(_ path: String) throws -> CaseFile {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("\(path): no such file")
    }
    do {
        return try CaseFile.parse(json: data)
    } catch {
        throw CommandFailure("\(path): the case is not valid (\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"))\n"
                             + error.problems.map { "  \(path): \($0)" }.joined(separator: "\n"))
    }
}

/// Parses `--now`, which must carry its UTC offset.
func parseNow(_ text: String?) throws -> Timestamp {
    guard let text else { return Timestamp(Date()) }
    guard let t = Timestamp.parse(text) else {
        throw ValidationError("--now: expected ISO 8601 with an offset, e.g. 2025-03-04T10:00:00Z, found \"\(text)\"")
    }
    return t
}

/// An error for the person at the terminal: printed as is, exit status 1.
struct CommandFailure: Error, CustomStringConvertible, LocalizedError {
    var description: String
    init(_ description: String) { self.description = description }
    var errorDescription: String? { description }
}

/// `hearth decide`: the core's plan for one case under one council's plugin.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide a case under a council's plugin and print the plan.",
        discussion: "Exit status: 0 with a plan, 1 when the case or the plugin is invalid (every problem listed), 2 on a usage error."
    )

    @Option(help: "The plugin folder, e.g. plugins/eastleigh.")
    var plugin: String

    @Argument(help: "The case file (JSON, see docs/case-format.md).")
    var caseFile: String

    @Option(help: "The clock to decide with (ISO 8601 with offset); default: now.")
    var now: String?

    @Option(help: "Output format: json or text.")
    var format: OutputFormat = .json

    func run() throws {
        let decisionTime = try parseNow(now)
        let caseFile = try readCase(self.caseFile)
        let loaded: Plugin
        do { loaded = try PluginLoader().load(plugin) } catch { throw CommandFailure(error.description) }
        for warning in loaded.warnings where warning.message.contains("placeholder") || warning.message.contains("out of date") {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        let plan: Plan
        do { plan = try loaded.decide(caseFile, now: decisionTime) } catch {
            throw CommandFailure("\(self.caseFile): no plan: \(error)")
        }
        switch format {
        case .json: print(String(decoding: try plan.jsonData(pretty: true), as: UTF8.self))
        case .text: print(PlanText.render(plan))
        }
    }
}
