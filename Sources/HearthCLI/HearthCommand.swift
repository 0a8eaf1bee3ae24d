import ArgumentParser

/// The root of the `hearth` command tree.
public struct HearthCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hearth",
        abstract: "Hearth: a domestic abuse case engine for UK councils and housing providers.",
        subcommands: [DecideCommand.self, CompareCommand.self, PluginCommand.self, LuaCommand.self, ImportCommand.self, GenerateCommand.self]
    )
    public init() {}
}
