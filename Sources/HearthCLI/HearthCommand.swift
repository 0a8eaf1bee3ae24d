import ArgumentParser
import Foundation

/// The root of the `hearth` command tree.
public struct HearthCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hearth",
        abstract: "Hearth: a domestic abuse case engine for UK councils and housing providers.",
        subcommands: [
            DecideCommand.self, CompareCommand.self, PluginCommand.self, TestCommand.self, CaseCommand.self,
            AuditCommand.self, ReportCommand.self, ImportCommand.self, GenerateCommand.self, LuaCommand.self,
        ]
    )
    public init() {}

    /// Runs the command line; a usage error (unknown option, missing argument) exits with status 2, as the commands document.
    public static func mainExitingTwoOnUsageError() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
