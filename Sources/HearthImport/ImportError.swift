import Foundation

/// One thing wrong with a row, by field: what the rejects file and the summary print as `field: message`.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    /// The field (a column, a case path such as `victim.age`, or `row` for the record as a whole).
    public var field: String
    /// What is wrong, for the integrator who must fix it.
    public var message: String

    /// Creates a problem.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}

/// What stops an import as a whole (a row's problems never do: the row is rejected and the import goes on).
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The header row is missing or unusable.
    case badHeader(path: String, reason: String)
    /// The header lacks columns the script declares it needs.
    case missingColumns(path: String, script: String, columns: [String])
    /// The script does not load or does not return what an import script must.
    case badScript(path: String, reason: String)
    /// The script's `setup` or `finish` failed.
    case scriptFailed(path: String, phase: String, reason: String)
    /// The store refused the import as a whole.
    case store(String)

    /// A sentence naming the file and what to do.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the file: \(reason)"
        case .badHeader(let path, let reason):
            return "\(path): row 1 (header): \(reason)"
        case .missingColumns(let path, let script, let columns):
            let list = columns.map { "'\($0)'" }.joined(separator: ", ")
            return "\(path): row 1 (header): the header lacks column\(columns.count == 1 ? "" : "s") \(list), which \(script) needs"
        case .badScript(let path, let reason):
            return "\(path): \(reason)"
        case .scriptFailed(let path, let phase, let reason):
            return "\(path): '\(phase)' failed: \(reason)"
        case .store(let message):
            return "store: \(message)"
        }
    }
}
