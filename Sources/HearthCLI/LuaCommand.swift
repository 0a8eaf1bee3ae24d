import ArgumentParser
import Foundation
import LuaBridge

/// `hearth lua FILE`: runs a Lua file in the sandbox and prints what it returns as JSON.
struct LuaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lua",
        abstract: "Run a Lua file in Hearth's sandbox and print what it returns as JSON.",
        discussion: """
            The file runs with the same sandbox and limits as a council plugin: no io, os, debug or \
            files; require loads .lua files from the file's own folder only. Exit status: 0 on success, \
            1 on a Lua error or a limit, 2 on a usage error.
            """
    )

    @Argument(help: "The Lua file to run.")
    var file: String

    @Option(help: "Instruction budget for the run (0 = none).")
    var instructions: Int = LuaLimits.default.instructions

    @Option(help: "Memory cap in bytes (0 = none).")
    var memory: Int = LuaLimits.default.memoryBytes

    @Option(help: "Wall-clock limit in seconds (0 = none).")
    var timeout: Double = LuaLimits.default.timeout

    @Flag(help: "Print the Lua traceback with errors.")
    var verbose = false

    func validate() throws {
        guard instructions >= 0 else { throw ValidationError("--instructions must be 0 or more, found \(instructions)") }
        guard memory >= 0 else { throw ValidationError("--memory must be 0 or more, found \(memory)") }
        guard timeout >= 0, timeout.isFinite else { throw ValidationError("--timeout must be 0 or more seconds, found \(timeout)") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("no such file: \(file)")
        }
        let source: String
        do { source = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ValidationError("\(file): cannot be read as UTF-8 text")
        }
        let limits = LuaLimits(instructions: instructions, memoryBytes: memory, timeout: timeout)
        do {
            let runtime = try LuaRuntime(limits: limits, root: url.deletingLastPathComponent(),
                                         chunkPrefix: prefix(of: file))
            runtime.printHandler = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
            let results = try runtime.run(source, chunkName: file)
            let output: LuaValue = results.count == 1 ? results[0] : .array(results)
            print(try output.jsonString(pretty: true))
        } catch let error as LuaError {
            var text = error.description
            if case .limit(let limit) = error.kind, !text.contains(limit.rawValue) {
                text += " (\(limit.rawValue) limit)"
            }
            if verbose, let traceback = error.traceback { text += "\n" + traceback }
            FileHandle.standardError.write(Data((text + "\n").utf8))
            throw ExitCode(1)
        }
    }

    private func prefix(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }
}
