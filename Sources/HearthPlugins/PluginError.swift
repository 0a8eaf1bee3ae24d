/// A plugin that could not be loaded, with every problem found.
public struct PluginLoadError: Error, Sendable, CustomStringConvertible {
    /// The plugin folder as given.
    public var folder: String
    /// Every problem, each with its file, line and field when known.
    public var problems: [PluginProblem]

    public init(folder: String, problems: [PluginProblem]) {
        self.folder = folder
        self.problems = problems
    }

    public var description: String {
        "\(folder): the plugin did not load (\(problems.count) problem\(problems.count == 1 ? "" : "s"))\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
