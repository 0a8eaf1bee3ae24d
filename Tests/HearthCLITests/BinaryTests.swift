import Foundation
import Testing

/// Runs the built `hearth` binary (scripts/test.sh builds it before the tests) and returns status, stdout, stderr.
struct HearthBinary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let path = root.appendingPathComponent(".build/debug/hearth").path
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static func run(_ arguments: [String], in directory: URL = root) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

@Suite("The hearth binary", .enabled(if: HearthBinary.available, "build .build/debug/hearth first (scripts/test.sh does)"))
struct BinaryTests {
    static let hostile = (try? FileManager.default.contentsOfDirectory(
        atPath: HearthBinary.root.appendingPathComponent("Tests/LuaBridgeTests/Fixtures/hostile").path))?
        .filter { $0.hasSuffix(".lua") }.sorted() ?? []

    @Test("Given a hostile script, when run with hearth lua, then it exits 1 with FILE:LINE or the limit named, and leaves no file behind",
          arguments: hostile)
    func hostileScript(_ name: String) throws {
        try? FileManager.default.removeItem(atPath: "/tmp/hearth-escape")
        let file = "Tests/LuaBridgeTests/Fixtures/hostile/\(name)"
        let start = Date()
        let result = try HearthBinary.run(["lua", "--timeout", "1", file])
        #expect(result.status == 1, "\(result.err)")
        // the message starts with the file and line (or the chunk loaded inside it), or names the limit
        #expect(result.err.hasPrefix(file) || result.err.hasPrefix("(load):") || result.err.contains("limit"), "\(result.err)")
        #expect(result.out.isEmpty)
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/hearth-escape"))
    }

    @Test("Given a script that returns values, when run with hearth lua, then they are printed as JSON and it exits 0")
    func json() throws {
        let result = try HearthBinary.run(["lua", "scripts/hello.lua"])
        #expect(result.status == 0)
        #expect(result.out.contains("\"arithmetic\": 42"))
        #expect(result.out.contains("\"global_write_refused\": true"))
    }

    @Test("Given a usage error, when hearth runs, then it exits 2")
    func usage() throws {
        #expect(try HearthBinary.run(["lua", "--timeout", "-1", "scripts/hello.lua"]).status == 2)
        #expect(try HearthBinary.run(["lua"]).status == 2)
        #expect(try HearthBinary.run(["decide", "--nope"]).status == 2)
        #expect(try HearthBinary.run(["import", "--workers", "0", "--script", "x.lua", "--db", "x.sqlite", "x.csv"]).status == 2)
    }

    @Test("Given a runtime error, when run with --verbose, then the traceback is printed")
    func verbose() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-verbose-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "local function f()\n  error('boom')\nend\nf()\n".write(to: dir.appendingPathComponent("e.lua"), atomically: true, encoding: .utf8)
        let result = try HearthBinary.run(["lua", "--verbose", "e.lua"], in: dir)
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("e.lua:2: boom"))
        #expect(result.err.contains("stack traceback"))
    }

    @Test("Given the folder of broken plugins, when checked, then every one is reported and the exit status is 1")
    func brokenPlugins() throws {
        let folder = HearthBinary.root.appendingPathComponent("Tests/HearthPluginsTests/Fixtures/broken")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let result = try HearthBinary.run(["plugin", "check"] + names.map { "Tests/HearthPluginsTests/Fixtures/broken/\($0)" })
        #expect(result.status == 1)
        for name in names { #expect(result.out.contains("FAIL  Tests/HearthPluginsTests/Fixtures/broken/\(name)"), "\(name)") }
        #expect(result.out.contains("0 loaded, \(names.count) failed"))
    }

    @Test("Given the seed plugins, when checked, then all load with warnings and the exit status is 0")
    func seedPlugins() throws {
        let result = try HearthBinary.run(["plugin", "check", "plugins/east_cambridgeshire", "plugins/cross_keys_homes",
                                           "plugins/canterbury", "plugins/eastleigh", "plugins/chesterfield", "plugins/example"])
        #expect(result.status == 0, "\(result.out)")
        #expect(result.out.contains("6 loaded, 0 failed"))
        #expect(result.out.contains("warn  plugins/eastleigh/init.lua:"))
    }

    @Test("Given an invalid case, when decided, then every problem is listed by JSON path and the exit status is 1")
    func invalidCase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-case-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try #"{"id": "X", "reported_at": "2025-03-04T10:00:00", "channel": "fax", "victim": {"age": -3}, "dash": {"answers": {"25": "maybe"}}}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try HearthBinary.run(["decide", "--plugin", "plugins/eastleigh", file.path])
        #expect(result.status == 1)
        for fragment in ["reported_at", "channel", "victim.age", "dash.answers.25"] {
            #expect(result.err.contains(fragment), "\(fragment) in \(result.err)")
        }
    }

    @Test("Given a case, when decided as text, then emergency advice comes first and the plan reads in the caseworker's order")
    func textPlan() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-text-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let example = try Data(contentsOf: HearthBinary.root.appendingPathComponent("docs/examples/high-risk-children.json"))
        var json = try #require(JSONSerialization.jsonObject(with: example) as? [String: Any])
        json["immediate_danger"] = true
        let file = dir.appendingPathComponent("danger.json")
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        let result = try HearthBinary.run(["decide", "--plugin", "plugins/eastleigh", file.path,
                                           "--now", "2025-03-04T10:00:00Z", "--format", "text"])
        #expect(result.status == 0)
        let order = ["IMMEDIATE DANGER", "RISK", "REFERRALS", "DEADLINES", "HELPLINES"].map { result.out.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
    }

    @Test("Given a plugin, when shown, then its resolved policy reads with sources, and --json is valid JSON")
    func pluginShow() throws {
        let text = try HearthBinary.run(["plugin", "show", "plugins/cross_keys_homes"])
        #expect(text.status == 0)
        #expect(text.out.contains("MARAC threshold: 14 by default"))
        #expect(text.out.contains("cambridgeshire: 17"))
        #expect(text.out.contains("! out of date"))
        let json = try HearthBinary.run(["plugin", "show", "--json", "plugins/eastleigh"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(object?["policy"] != nil && object?["identity"] != nil && object?["warnings"] != nil)
        #expect(try HearthBinary.run(["plugin", "show", "plugins/nowhere"]).status == 1)
    }

    @Test("Given two councils, when diffed, then the differences are listed and the exit status is 1; the same plugin twice exits 0")
    func pluginDiff() throws {
        let different = try HearthBinary.run(["plugin", "diff", "plugins/eastleigh", "plugins/cross_keys_homes"])
        #expect(different.status == 1)
        #expect(different.out.contains("risk.marac_threshold"))
        let same = try HearthBinary.run(["plugin", "diff", "plugins/eastleigh", "plugins/eastleigh"])
        #expect(same.status == 0)
        #expect(same.out.contains("have the same policy"))
    }

    @Test("Given a clock with no offset, when deciding, then it is a usage error naming --now")
    func badNow() throws {
        let result = try HearthBinary.run(["decide", "--plugin", "plugins/eastleigh", "docs/examples/standard-phone.json",
                                           "--now", "2025-03-04T10:00:00"])
        #expect(result.status == 2)
        #expect(result.err.contains("--now"))
    }
}
