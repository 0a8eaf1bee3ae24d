import Foundation
import Testing
@testable import LuaBridge

/// One hostile script from the fixtures, with the error its first line says it must end in.
struct HostileScript: CustomTestStringConvertible, Sendable {
    let name: String
    let source: String
    let expect: String
    var testDescription: String { name }

    static func all() -> [HostileScript] {
        guard let dir = Bundle.module.url(forResource: "Fixtures/hostile", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".lua") }.sorted().compactMap { name in
            guard let source = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8),
                  let first = source.split(separator: "\n").first, first.hasPrefix("-- expect: ") else { return nil }
            return HostileScript(name: name, source: source, expect: String(first.dropFirst("-- expect: ".count)))
        }
    }
}

@Suite("Hostile scripts", .serialized)
struct HostileCorpusTests {
    static let scripts = HostileScript.all()
    static let escapeMarker = "/tmp/hearth-escape"

    @Test("The corpus has at least 30 scripts")
    func corpusSize() { #expect(Self.scripts.count >= 30) }

    @Test("Given a hostile script, when run in the sandbox, then it ends in the expected error within 2 s and the runtime still works",
          arguments: HostileCorpusTests.scripts)
    func hostile(_ script: HostileScript) throws {
        try? FileManager.default.removeItem(atPath: Self.escapeMarker)
        let runtime = try LuaRuntime(limits: LuaLimits(instructions: 10_000_000, memoryBytes: 64 << 20, timeout: 1))
        let start = Date()
        var caught: LuaError?
        do {
            _ = try runtime.run(script.source, chunkName: "hostile/\(script.name)")
        } catch {
            caught = error
        }
        let elapsed = Date().timeIntervalSince(start)
        let error = try #require(caught, "\(script.name) ran to the end")
        switch script.expect {
        case "runtime": #expect(error.kind == .runtime, "\(error)")
        case "syntax": #expect(error.kind == .syntax, "\(error)")
        case "limit":
            if case .limit = error.kind {} else { Issue.record("expected a limit, got \(error)") }
        default:
            let name = script.expect.replacingOccurrences(of: "limit:", with: "")
            #expect(error.kind == .limit(LuaLimit(rawValue: name)!), "\(error)")
        }
        #expect(!error.description.isEmpty)
        #expect(elapsed < 2, "took \(elapsed) s")
        #expect(!FileManager.default.fileExists(atPath: Self.escapeMarker))
        // the runtime is still usable, with its sandbox intact
        #expect(try runtime.run("return ('ok'):upper(), type(io), type(os), string.rep('a', 3)", chunkName: "after.lua")
                == ["OK", "nil", "nil", "aaa"])
        #expect(throws: LuaError.self) { _ = try runtime.run("answer = 1", chunkName: "after.lua") }
    }
}
