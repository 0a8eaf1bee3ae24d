import Foundation
import Testing
@testable import LuaBridge

final class Tracked {
    nonisolated(unsafe) static var live = 0
    init() { Tracked.live += 1 }
    deinit { Tracked.live -= 1 }
}

@Suite("The Lua runtime", .serialized)
struct LuaRuntimeTests {
    @Test("Given a runtime error, when called, then the error names the chunk and line and has a traceback")
    func runtimeErrors() throws {
        let runtime = try LuaRuntime()
        let f = try runtime.load("local x = 1\nlocal function g() error('threshold missing') end\ng()", chunkName: "plugins/eastleigh/init.lua")
        #expect {
            _ = try runtime.call(f)
        } throws: { error in
            guard let e = error as? LuaError else { return false }
            return e.kind == .runtime && e.chunk == "plugins/eastleigh/init.lua" && e.line == 2
                && e.message == "threshold missing"
                && e.description == "plugins/eastleigh/init.lua:2: threshold missing"
                && (e.traceback ?? "").contains("stack traceback")
        }
    }

    @Test("Given a syntax error, when loaded, then the kind is syntax with chunk and line")
    func syntaxErrors() throws {
        let runtime = try LuaRuntime()
        #expect {
            _ = try runtime.load("local a = 1\nlocal b = = 2", chunkName: "plugins/x/init.lua")
        } throws: { error in
            guard let e = error as? LuaError else { return false }
            return e.kind == .syntax && e.chunk == "plugins/x/init.lua" && e.line == 2
        }
    }

    @Test("Given bytecode, when loaded, then it is refused")
    func bytecode() throws {
        let runtime = try LuaRuntime()
        #expect(throws: LuaError.self) { _ = try runtime.load("\u{1B}Lua", chunkName: "b.lua") }
    }

    @Test("Given a Swift function, when Lua calls it, then it gets the arguments and returns results")
    func callbacks() throws {
        let runtime = try LuaRuntime()
        let add = try runtime.makeFunction { args in [.integer(Int64((args[0].intValue ?? 0) + (args[1].intValue ?? 0)))] }
        let f = try runtime.load("local add = ...; return add(2, 3), add(40, 2)", chunkName: "c.lua")
        #expect(try runtime.call(f, [.function(add)]) == [5, 42])
    }

    @Test("Given a Swift function that throws, when Lua calls it, then the error carries the caller's file and line")
    func callbackErrors() throws {
        let runtime = try LuaRuntime()
        struct Refused: Error, CustomStringConvertible { var description: String { "no such partner 'idva'" } }
        let fail = try runtime.makeRawFunction { _ in throw Refused() }
        let f = try runtime.load("local fail = ...\n\nfail()", chunkName: "plugins/canterbury/init.lua")
        #expect {
            _ = try runtime.call(f, [.function(fail)])
        } throws: { error in
            (error as? LuaError)?.description == "plugins/canterbury/init.lua:3: no such partner 'idva'"
        }
        // and Lua code can catch it like any error
        let g = try runtime.load("local fail = ...; local ok, e = pcall(fail); return ok, e", chunkName: "g.lua")
        #expect(try runtime.call(g, [.function(fail)]) == [false, "no such partner 'idva'"])
    }

    @Test("Given errors crossing Swift frames 1000 times, when all is done, then every Swift object was released")
    func noLeaks() throws {
        let runtime = try LuaRuntime()
        Tracked.live = 0
        let thrower = try runtime.makeRawFunction { (_: LuaCallFrame) -> Int32 in
            let held = Tracked()
            _ = held
            throw LuaError(kind: .runtime, message: "refused")
        }
        let inner = try runtime.load("error('inner failure')", chunkName: "inner.lua")
        let reentrant = try runtime.makeRawFunction { (_: LuaCallFrame) -> Int32 in
            let held = Tracked()
            _ = held
            _ = try runtime.call(inner)   // a Lua error inside a Swift frame inside Lua
            return 0
        }
        let f = try runtime.load("""
            local thrower, reentrant = ...
            for i = 1, 1000 do pcall(thrower); pcall(reentrant) end
            """, chunkName: "leak.lua")
        _ = try runtime.call(f, [.function(thrower), .function(reentrant)])
        #expect(Tracked.live == 0)
        // and a limit hit inside a nested call unwinds cleanly too
        let loop = try runtime.load("while true do end", chunkName: "loop.lua")
        let nested = try runtime.makeRawFunction { (_: LuaCallFrame) -> Int32 in
            let held = Tracked()
            _ = held
            _ = try runtime.call(loop)
            return 0
        }
        let g = try runtime.load("local nested = ...; nested()", chunkName: "nested.lua")
        #expect(throws: LuaError.self) { _ = try runtime.call(g, [.function(nested)]) }
        #expect(Tracked.live == 0)
    }

    @Test("Given a plugin folder, when code requires a module, then only .lua files in that folder load")
    func require() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-require-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "return { threshold = 14 }".write(to: dir.appendingPathComponent("lib/risk.lua"), atomically: true, encoding: .utf8)
        try "return require 'loop'".write(to: dir.appendingPathComponent("loop.lua"), atomically: true, encoding: .utf8)
        try "error('broken module')".write(to: dir.appendingPathComponent("broken.lua"), atomically: true, encoding: .utf8)
        let runtime = try LuaRuntime(root: dir, chunkPrefix: "plugins/x/")
        #expect(try runtime.run("local a = require 'lib.risk'; local b = require 'lib.risk'; return a.threshold, a == b",
                                chunkName: "plugins/x/init.lua") == [14, true])
        for (name, fragment) in [("../secret", "not a module name"), ("/etc/passwd", "not a module name"),
                                 ("missing", "not found"), ("loop", "requires itself"), ("broken", "broken module")] {
            #expect {
                _ = try runtime.run("return require '\(name)'", chunkName: "plugins/x/init.lua")
            } throws: { error in
                "\(error)".contains(fragment)
            }
        }
        #expect {
            _ = try runtime.run("return require 'broken'", chunkName: "plugins/x/init.lua")
        } throws: { error in
            (error as? LuaError)?.chunk == "plugins/x/broken.lua"
        }
    }

    @Test("Given print and clock, when used, then print goes to the host log and time comes from the host")
    func printAndClock() throws {
        let fixed = Date(timeIntervalSince1970: 1_741_082_400) // 2025-03-04T10:00:00Z
        let runtime = try LuaRuntime(clock: { fixed })
        var lines: [String] = []
        runtime.printHandler = { lines.append($0) }
        let result = try runtime.run("print('risk', 14, true, nil); return clock.now(), clock.iso(), clock.today()", chunkName: "p.lua")
        #expect(lines == ["risk\t14\ttrue\tnil"])
        #expect(result == [.number(1_741_082_400), "2025-03-04T10:00:00Z", "2025-03-04"])
    }

    @Test("Given a global the host installs, when Lua reads it, then it works and cannot be changed")
    func hostGlobals() throws {
        let runtime = try LuaRuntime()
        let double = try runtime.makeFunction { args in [.integer(Int64((args[0].intValue ?? 0) * 2))] }
        try runtime.setGlobal("hearth", ["double": .function(double), "version": 1])
        #expect(try runtime.run("return hearth.double(21), hearth.version", chunkName: "h.lua") == [42, 1])
        #expect(throws: LuaError.self) { _ = try runtime.run("hearth.version = 2", chunkName: "h.lua") }
        #expect(throws: LuaError.self) { _ = try runtime.run("rawset(hearth, 'version', 2)", chunkName: "h.lua") }
    }

    @Test("Given coroutines, when used normally, then yield and resume work inside the sandbox")
    func coroutines() throws {
        let runtime = try LuaRuntime()
        let result = try runtime.run("""
            local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
            local co = coroutine.create(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
            local _, x = coroutine.resume(co, 1)
            local _, y = coroutine.resume(co, 10)
            local ok, e = pcall(function() local z <close> = nil; error("caught") end)
            return gen() + gen() + gen(), x, y, ok, e
            """, chunkName: "co.lua")
        #expect(result == [6, 2, 20, false, "co.lua:5: caught"])
    }
}

@Suite("Limits", .serialized)
struct LuaLimitTests {
    func expectLimit(_ limit: LuaLimit, _ source: String, limits: LuaLimits = LuaLimits(instructions: 1_000_000, memoryBytes: 16 << 20, timeout: 1),
                     fragment: String, generational: Bool = false) throws {
        let runtime = try LuaRuntime(limits: limits)
        runtime.generationalCollector = generational
        #expect {
            _ = try runtime.run(source, chunkName: "scripts/limit.lua")
        } throws: { error in
            guard let e = error as? LuaError else { return false }
            return e.kind == .limit(limit) && e.description.contains(fragment) && e.description.contains("scripts/limit.lua")
        }
        #expect(try runtime.run("return 1 + 1", chunkName: "after.lua") == [2], "the runtime still works")
    }

    @Test("Given an endless loop, when run, then the instruction budget stops it and names itself")
    func instructions() throws {
        try expectLimit(.instructions, "local i = 0\nwhile true do i = i + 1 end", fragment: "instruction limit exceeded")
    }

    @Test("Given a memory bomb, when run, then the memory cap stops it")
    func memory() throws {
        try expectLimit(.memory, "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(4096) .. i end", fragment: "memory limit exceeded")
    }

    @Test("Given the generational collector, when a script makes garbage and then a memory bomb, then the garbage is collected and the cap stops the bomb")
    func memoryGenerational() throws {
        // Given: 200 MB of short-lived tables would not fit under a 16 MiB cap unless they are collected.
        let runtime = try LuaRuntime(limits: LuaLimits(instructions: 0, memoryBytes: 16 << 20, timeout: 5))
        runtime.generationalCollector = true
        // When / Then
        #expect(try runtime.run("for i = 1, 1e6 do local t = { i, i, i, tostring(i) } end return 'done'", chunkName: "garbage.lua") == ["done"])
        try expectLimit(.memory, "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(4096) .. i end", fragment: "memory limit exceeded",
                        generational: true)
    }

    @Test("Given slow code with no instruction budget, when run, then the deadline stops it")
    func time() throws {
        try expectLimit(.time, "while true do end", limits: LuaLimits(instructions: 0, memoryBytes: 16 << 20, timeout: 0.2),
                        fragment: "time limit exceeded")
    }

    @Test("Given a pathological pattern, when matched, then the budget stops it quickly")
    func patterns() throws {
        let start = Date()
        try expectLimit(.instructions, "return string.find(('a'):rep(600), '.-.-.-.-b')", fragment: "pattern matching exceeded")
        #expect(Date().timeIntervalSince(start) < 2)
        try expectLimit(.time, "return string.find(('a'):rep(600), '.-.-.-.-b')",
                        limits: LuaLimits(instructions: 0, memoryBytes: 16 << 20, timeout: 0.2), fragment: "time limit")
    }

    @Test("Given recursion without end, when run, then it ends in an error and not a crash")
    func recursion() throws {
        try expectLimit(.depth, "local function f(n) return 1 + f(n + 1) end\nreturn f(1)",
                        limits: LuaLimits(instructions: 0, memoryBytes: 256 << 20, timeout: 5), fragment: "stack overflow")
    }

    @Test("Given a budget spent across coroutines, when many small coroutines run, then they all count")
    func coroutineBudget() throws {
        try expectLimit(.instructions, "while true do coroutine.wrap(function() for i = 1, 900 do end end)() end",
                        fragment: "instruction limit")
    }

    @Test("Given code that catches errors, when a limit fires, then pcall cannot swallow it")
    func pcallCannotSwallow() throws {
        try expectLimit(.instructions, "while true do pcall(function() while true do end end) end", fragment: "instruction limit")
        let runtime = try LuaRuntime()
        #expect(try runtime.run("return pcall(error, 'ordinary')", chunkName: "p.lua") == [false, "ordinary"])
    }

    @Test("Given a budget per call, when the next call starts, then it gets a fresh budget")
    func budgetPerCall() throws {
        let runtime = try LuaRuntime(limits: LuaLimits(instructions: 200_000, memoryBytes: 16 << 20, timeout: 1))
        let work = try runtime.load("for i = 1, 30000 do end return true", chunkName: "w.lua")
        for _ in 0..<20 { #expect(try runtime.call(work) == [true]) }
    }
}

@Suite("Pattern matching")
struct LuaPatternTests {
    @Test("Given the conformance cases, when run in the sandbox, then results match Lua 5.4's own matcher")
    func conformance() throws {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures/patterns", withExtension: nil))
        let source = try String(contentsOf: dir.appendingPathComponent("cases.lua"), encoding: .utf8)
        let expected = try String(contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8)
        let runtime = try LuaRuntime()
        let result = try runtime.run(source, chunkName: "cases.lua")
        let got = (result.first?.stringValue ?? "").split(separator: "\n")
        let want = expected.split(separator: "\n")
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) { #expect(g == w) }
    }
}

@Suite("Coverage")
struct LuaCoverageTests {
    @Test("Given coverage is on, when a function runs, then the lines it ran are recorded by chunk")
    func lines() throws {
        let runtime = try LuaRuntime()
        runtime.recordsCoverage = true
        let f = try runtime.load("local x = ...\nif x then\n  return 1\nelse\n  return 2\nend", chunkName: "plugins/x/init.lua")
        _ = try runtime.call(f, [true])
        #expect(runtime.coveredLines()["plugins/x/init.lua"] == [1, 2, 3])
        _ = try runtime.call(f, [false])
        #expect(runtime.coveredLines()["plugins/x/init.lua"] == [1, 2, 3, 5])
    }
}
