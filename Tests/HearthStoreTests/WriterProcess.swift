import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `hearth-store-writer` helper run as a separate process, its acknowledgements captured in a file.
struct WriterProcess {
    let process: Process
    let ackFile: URL

    /// Where `swift build` put the helper: next to the test binary.
    static func executable() throws -> URL {
        var folders: [URL] = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        folders.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug"))
        for folder in folders {
            var url = folder.resolvingSymlinksInPath()
            // Inside an .xctest bundle, climb to the build folder.
            while url.path.contains(".xctest") { url.deleteLastPathComponent() }
            let candidate = url.appendingPathComponent("hearth-store-writer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw WriterMissing()
    }

    struct WriterMissing: Error, CustomStringConvertible {
        var description: String {
            "the helper 'hearth-store-writer' was not found next to the test binary; run 'swift build' before 'swift test'"
        }
    }

    /// Starts `hearth-store-writer append <db> <case> <count> <batch>`.
    static func start(db: String, caseID: String, count: Int, batchSize: Int, ackFile: URL) throws -> WriterProcess {
        FileManager.default.createFile(atPath: ackFile.path, contents: nil)
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["append", db, caseID, String(count), String(batchSize)]
        process.standardOutput = try FileHandle(forWritingTo: ackFile)
        process.standardError = FileHandle.standardError
        try process.run()
        return WriterProcess(process: process, ackFile: ackFile)
    }

    /// Kills the writer with SIGKILL, giving it no chance to tidy up.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The sequence numbers the writer acknowledged (complete lines only: a line cut short was never acknowledged).
    func acknowledged() throws -> [Int64] {
        let text = try String(contentsOf: ackFile, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }
        return lines.compactMap { Int64($0) }
    }
}
