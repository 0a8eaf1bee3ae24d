import Foundation
import Testing
@testable import LuaBridge

/// A tree that prints itself, to show the builder sees every node and each empty table's field.
private struct Printer: LuaTreeBuilder {
    func null() -> String { "null" }
    func boolean(_ value: Bool) -> String { "\(value)" }
    func integer(_ value: Int64) -> String { "\(value)" }
    func number(_ value: Double) -> String { "\(value)f" }
    func string(_ value: String) -> String { "'\(value)'" }
    func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    func fields(capacity count: Int) -> [String: String] { [:] }
    func add(_ key: String, _ value: String, to fields: inout [String: String], repeatable: Bool) {
        precondition(repeatable || fields[key] == nil, "a key arrived twice: \(key)")
        fields[key] = value
    }
    func object(_ fields: [String: String]) -> String {
        "{" + fields.keys.sorted().map { "\($0)=\(fields[$0]!)" }.joined(separator: ",") + "}"
    }
    func emptyTable(key: String?) -> String { "<empty \(key ?? "top")>" }
    func function(_ retain: () -> LuaFunction) -> String? { nil }
}

@Suite("Records handed to Lua and results built in place")
struct RecordCallTests {
    let runtime: LuaRuntime
    init() throws { runtime = try LuaRuntime() }

    @Test("Given a shape with a strict metatable, when a record is passed, then its fields arrive by name and a missing column raises")
    func records() throws {
        // Given
        let f = try runtime.load("""
            local n, row = ...
            if n == 2 then return row.nope end
            return n, row.ref, row.age, row.extra
            """, chunkName: "record.lua")
        let strict = try runtime.run("""
            return { __index = function(_, k) error("no column " .. k, 2) end }
            """, chunkName: "strict.lua")[0]
        let shape = try runtime.makeRecordShape(keys: ["ref", "age", "extra"], metatable: strict)

        // When
        let values = try runtime.call(f, [1], record: shape, fields: ["CRM1", "42", ""]) { (out: LuaResults) throws(LuaError) in
            var values: [LuaValue] = []
            for i in 0..<out.count { values.append(try out.value(i)) }
            return values
        }

        // Then
        #expect(values == [1, "CRM1", "42", ""])
        #expect {
            try runtime.call(f, [2], record: shape, fields: ["CRM2", "1", "x"]) { (out: LuaResults) throws(LuaError) in out.count }
        } throws: { error in
            (error as? LuaError)?.description.contains("record.lua:2: no column nope") == true
        }
    }

    @Test("Given a record with fewer fields than the shape, then the missing ones are nil and extra ones are left out")
    func shortAndLongRecords() throws {
        let f = try runtime.load("local _, row = ...; return row.a, row.b, rawlen(row), next(row, next(row, next(row)))",
                                 chunkName: "short.lua")
        let shape = try runtime.makeRecordShape(keys: ["a", "b"])
        let short = try runtime.call(f, [1], record: shape, fields: ["x"]) { (out: LuaResults) throws(LuaError) in
            try out.value(0) == "x" && out.isNil(1)
        }
        #expect(short)
        let long = try runtime.call(f, [1], record: shape, fields: ["x", "y", "z"]) { (out: LuaResults) throws(LuaError) in
            try out.value(1) == "y" && out.isNil(3)
        }
        #expect(long)
    }

    @Test("Given a nested result, when built with a builder, then lists, objects, mixed tables and empty tables come out as the builder says")
    func building() throws {
        let f = try runtime.load("""
            return { id = "A", n = 3, x = 1.5, ok = true, tags = { "a", "b" }, none = {}, mixed = { 1, k = "v" },
                     deep = { inner = {} }, sparse = { [1] = "a", [3] = "c" }, clash = { "first", ["1"] = "text" } }, 7
            """, chunkName: "tree.lua")
        let printed = try runtime.call(f, []) { (out: LuaResults) throws(LuaError) in
            do throws(LuaTreeError) {
                return (try out.build(0, with: Printer()), try out.build(1, with: Printer()), try out.build(2, with: Printer()))
            } catch {
                throw error.error
            }
        }
        #expect(printed.0 == "{clash={1='first'},deep={inner=<empty inner>},id='A',mixed={1=1,k='v'},n=3,none=<empty none>,ok=true,sparse={1='a',3='c'},tags=['a','b'],x=1.5f}")
        #expect(printed.1 == "7")
        #expect(printed.2 == "null")
    }

    @Test("Given a function deep in a result, when built, then the error names its path and the stack is left clean")
    func refusedFunction() throws {
        let f = try runtime.load("return { victim = { list = { 1, function() end } } }", chunkName: "fn.lua")
        let failure = try runtime.call(f, []) { (out: LuaResults) throws(LuaError) -> LuaTreeError? in
            do throws(LuaTreeError) { _ = try out.build(0, with: Printer()); return nil } catch { return error }
        }
        #expect(failure?.path == "victim.list[2]")
        #expect(failure?.reason == "a function cannot be passed to the host as data")
        // The runtime still works, and the same result converts as a LuaValue (functions kept by reference).
        let again = try runtime.call(f, [])
        guard case .table(let t) = again.first, case .table(let victim) = t["victim"], case .array(let list) = victim["list"] else {
            Issue.record("expected the nested table, got \(again)")
            return
        }
        #expect(list.count == 2)
    }

    @Test("Given a table nested past the limit, when built, then the error says so with the path")
    func tooDeep() throws {
        let f = try runtime.load("local t = {}; local c = t; for i = 1, 80 do c.next = {}; c = c.next end; return t",
                                 chunkName: "deep.lua")
        let failure = try runtime.call(f, []) { (out: LuaResults) throws(LuaError) -> LuaTreeError? in
            do throws(LuaTreeError) { _ = try out.build(0, with: Printer()); return nil } catch { return error }
        }
        #expect(failure?.reason.contains("nest more than 64 deep") == true)
        #expect(failure?.path.hasPrefix("next.next.next") == true)
    }
}

@Suite("Table keys read through the key cache")
struct KeyCacheTests {
    @Test("Given many more distinct keys than the cache holds, made and collected call after call, then every key reads back as written")
    func churningKeys() throws {
        // Given: each call returns 600 fields whose names change with the call number, and makes enough garbage that
        // the collector runs, so cached addresses are evicted and freed addresses reused.
        let runtime = try LuaRuntime()
        let f = try runtime.load("""
            local n = ...
            for i = 1, 20000 do local _ = "garbage" .. i end
            local t = {}
            for i = 1, 600 do t["k" .. ((i * 7 + n) % 997)] = i end
            t.id, t.victim = "same every time", { age = n }
            return t
            """, chunkName: "keys.lua")
        for n in 0..<20 {
            // When
            let value = try runtime.call(f, [.integer(Int64(n))]).first
            // Then
            guard case .table(let t) = value else { Issue.record("not a table: \(String(describing: value))"); return }
            #expect(t.count == 602)
            for i in 1...600 { #expect(t["k\((i * 7 + n) % 997)"] == .integer(Int64(i))) }
            #expect(t["id"] == "same every time" && t["victim"] == .table(["age": .integer(Int64(n))]))
        }
    }

    @Test("Given keys longer than Lua interns, when read twice, then they come back whole and are not kept")
    func longKeys() throws {
        let runtime = try LuaRuntime()
        let f = try runtime.load("local n = ...; return { [string.rep('k', 1000) .. n] = n, short = n }", chunkName: "long.lua")
        for n in 0..<3 {
            guard case .table(let t) = try runtime.call(f, [.integer(Int64(n))]).first else { Issue.record("not a table"); return }
            #expect(t[String(repeating: "k", count: 1000) + "\(n)"] == .integer(Int64(n)) && t["short"] == .integer(Int64(n)))
        }
    }
}
