import ArgumentParser

/// A command whose whole output is text it returns, so tests can read it without capturing stdout.
protocol OutputCommand: ParsableCommand {
    /// Does the work and returns what to print.
    /// - Throws: `CommandFailure` (exit status 1) with a message for the person at the terminal.
    func execute() throws -> String
}

extension OutputCommand {
    /// Prints what ``execute()`` returns.
    func run() throws {
        print(try execute())
    }
}
