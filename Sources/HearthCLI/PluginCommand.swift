import ArgumentParser
import Foundation
import HearthCore
import HearthPlugins

/// `hearth plugin`: check, show and compare council plugins.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Check, show and compare council plugins.",
        subcommands: [Check.self, Show.self, Diff.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load and validate plugins; print every problem and warning.",
            discussion: "Exit status: 0 when every plugin loads (warnings allowed), 1 when any fails, 2 on a usage error."
        )

        @Argument(help: "Plugin folders, e.g. plugins/eastleigh or plugins/*.")
        var folders: [String]

        @Flag(name: .shortAndLong, help: "Print problems and warnings only.")
        var quiet = false

        func run() throws {
            let loader = PluginLoader()
            var failed = 0
            for folder in folders {
                do {
                    let plugin = try loader.load(folder)
                    let hookProblems = HookCheck.problems(plugin, now: Timestamp(Date()))
                    if !hookProblems.isEmpty {
                        throw PluginLoadError(folder: plugin.path, problems: hookProblems)
                    }
                    if !quiet {
                        let p = plugin.policy
                        print("ok    \(plugin.path)  \(plugin.manifest.id) \(plugin.manifest.version), api \(plugin.manifest.api), \(plugin.identity.contentHash?.prefix(19) ?? "")…")
                        print("      \(p.helplines.count) helplines, \(p.partners.count) partners, \(p.securityMeasures.count) security measures, \(p.housingOptions.count) housing options, \(p.perpetratorOptions.count) perpetrator options, \(p.deadlines.count) deadlines, \(p.hooks.count) hooks")
                    }
                    for warning in plugin.warnings { print("warn  \(warning)") }
                } catch let error as PluginLoadError {
                    failed += 1
                    print("FAIL  \(error.folder)")
                    for problem in error.problems { print("      \(problem)") }
                }
            }
            if !quiet { print("\(folders.count - failed) loaded, \(failed) failed") }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a plugin's resolved policy, as a policy officer reads it.")

        @Argument(help: "The plugin folder.")
        var folder: String

        @Flag(help: "Print the resolved policy as JSON.")
        var json = false

        func run() throws {
            let plugin = try PluginLoader().load(folder)
            if json {
                print(try PolicyText.json(plugin))
            } else {
                print(PolicyText.text(plugin))
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What two plugins' policies say differently, section by section.",
            discussion: "Exit status: 0 when the policies are the same, 1 when they differ."
        )

        @Argument(help: "The first plugin folder.")
        var first: String
        @Argument(help: "The second plugin folder.")
        var second: String

        func run() throws {
            let loader = PluginLoader()
            let a = try loader.load(first), b = try loader.load(second)
            let lines = PolicyDiff.lines(a, b)
            if lines.isEmpty {
                print("\(a.path) and \(b.path) have the same policy")
                return
            }
            print("--- \(a.path)\n+++ \(b.path)")
            for line in lines { print(line) }
            throw ExitCode(1)
        }
    }
}

extension PluginLoadError: LocalizedError {
    public var errorDescription: String? { description }
}
