import ArgumentParser
import Foundation
import HearthCore
import HearthPlugins

/// `hearth compare`: the same cases decided under several councils' plugins, side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Decide the same cases under several plugins and show where the councils differ.",
        discussion: "With no cases, decides the examples in docs/examples/. Exit status 0, or 1 when a plugin or case is invalid."
    )

    @Option(name: .long, parsing: .upToNextOption, help: "Plugin folders (default: every folder in plugins/ but example).")
    var plugins: [String] = []

    @Argument(help: "Case files (default: docs/examples/*.json).")
    var cases: [String] = []

    @Option(help: "The clock to decide with (ISO 8601 with offset).")
    var now: String = "2025-03-04T10:00:00Z"

    func run() throws {
        let fm = FileManager.default
        let folders = plugins.isEmpty
            ? ((try? fm.contentsOfDirectory(atPath: "plugins")) ?? []).sorted()
                .filter { $0 != "example" && fm.fileExists(atPath: "plugins/\($0)/init.lua") }.map { "plugins/\($0)" }
            : plugins
        let files = cases.isEmpty
            ? ((try? fm.contentsOfDirectory(atPath: "docs/examples")) ?? []).sorted().filter { $0.hasSuffix(".json") }.map { "docs/examples/\($0)" }
            : cases
        guard !folders.isEmpty else { throw CommandFailure("no plugins to compare: name them with --plugins") }
        guard !files.isEmpty else { throw CommandFailure("no cases to decide: name case files") }
        let time = try parseNow(now)
        let loader = PluginLoader()
        var loaded: [Plugin] = []
        for folder in folders {
            do { loaded.append(try loader.load(folder)) } catch { throw CommandFailure(error.description) }
        }
        print("Hearth: \(files.count) case\(files.count == 1 ? "" : "s") decided under \(loaded.count) councils' procedures (clock \(time))")
        for file in files {
            let caseFile = try readCase(file)
            print("")
            print("\(file)  (area: \(caseFile.area ?? "none"), DASH \(caseFile.dash.map(describe) ?? "not done"))")
            let header = ["council", "risk", "MARAC", "referrals ready / awaiting / declined", "measures", "housing", "first deadline"]
            var rows: [[String]] = []
            for plugin in loaded {
                do {
                    let plan = try plugin.decide(caseFile, now: time)
                    let ready = plan.referrals.filter { $0.status == .ready }.count
                    let awaiting = plan.referrals.filter { $0.status == .awaitingConsent }.count
                    let declined = plan.referrals.filter { $0.status == .declined }.count
                    let first = plan.deadlines.min { $0.due < $1.due }
                    rows.append([plugin.manifest.id, "\(plan.risk.band.rawValue) (\(plan.risk.score)/\(plan.risk.threshold))",
                                 plan.risk.marac ? "yes" : "no", "\(ready) / \(awaiting) / \(declined)",
                                 "\(plan.measures.count)", "\(plan.housing.options.count)",
                                 first.map { "\($0.id) \($0.due)" } ?? "-"])
                } catch {
                    rows.append([plugin.manifest.id, "error: \(error)", "", "", "", "", ""])
                }
            }
            print(table(header, rows))
            let marac = Set(rows.map { $0[2] })
            if marac.count > 1 {
                print("  → the councils disagree on MARAC for this case: " + rows.map { "\($0[0]) \($0[2])" }.joined(separator: ", "))
            }
        }
    }

    func describe(_ dash: Dash) -> String {
        switch dash {
        case .answers(let answers): "\(answers.values.filter { $0 == .yes }.count) yes of \(answers.count)"
        case .yesCount(let n): "\(n) yes (legacy count)"
        }
    }

    func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            "  " + r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return ([line(header), "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}
