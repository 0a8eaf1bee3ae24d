import Foundation
import LuaBridge

/// A 20-field record, as a plugin hook might receive.
struct BenchRecord: Codable {
    var id = "C-2025-0001", area = "cambridgeshire", channel = "phone", tenure = "secure", gender = "female"
    var wishes = "remain", method = "text", language = "Polish", partner = "idva", band = "high"
    var age = 34, score = 15, incidents = 3, children = 2, threshold = 17
    var danger = false, tenant = true, capacity = true, eligible = true, homeless = false
}

extension BenchRecord: LuaTableConvertible {
    var luaFieldCount: Int32 { 20 }
    func write(to t: LuaTableWriter) {
        t.set("id", id); t.set("area", area); t.set("channel", channel); t.set("tenure", tenure); t.set("gender", gender)
        t.set("wishes", wishes); t.set("method", method); t.set("language", language); t.set("partner", partner)
        t.set("band", band); t.set("age", age); t.set("score", score); t.set("incidents", incidents)
        t.set("children", children); t.set("threshold", threshold); t.set("danger", danger); t.set("tenant", tenant)
        t.set("capacity", capacity); t.set("eligible", eligible); t.set("homeless", homeless)
    }
}

/// The Lua host's figures against ../shared/lua-notes.md (× 1.25), with the instruction budget armed.
func runLuaBenchmarks() throws {
    print("Lua host (release build, instruction budget armed on every call)")
    let runtime = try LuaRuntime(limits: LuaLimits(instructions: 0, memoryBytes: 64 << 20, timeout: 0))
    runtime.limits = LuaLimits(instructions: 1_000_000_000, memoryBytes: 64 << 20, timeout: 60)

    let empty = try runtime.load("return function() end", chunkName: "bench.lua")
    let noop = try runtime.call(empty)[0]
    guard case .function(let f) = noop else { return }
    let n = 1_000_000
    _ = try measure("Swift calls a Lua function", iterations: n, target: 47 * 1.25) {
        for _ in 0..<n { _ = try runtime.call(f) }
    }

    let swiftFunction = try runtime.makeRawFunction { _ in 0 }
    let loop = try runtime.load("local f, n = ...; for i = 1, n do f(i) end", chunkName: "bench.lua")
    let luaLoop = try runtime.load("local f, n = ...; for i = 1, n do end", chunkName: "bench.lua")
    let withCalls = try measure("  (Lua loop calling Swift, total per iteration)", iterations: n) {
        _ = try runtime.call(loop, [.function(swiftFunction), .integer(Int64(n))])
    }
    let bare = try measure("  (empty Lua loop, per iteration)", iterations: n) {
        _ = try runtime.call(luaLoop, [.function(swiftFunction), .integer(Int64(n))])
    }
    report("Lua calls a Swift function", nanoseconds: withCalls - bare, target: 48 * 1.25)

    let record = BenchRecord()
    let takes = try runtime.load("return function(r) return r.score end", chunkName: "bench.lua")
    guard case .function(let reader) = try runtime.call(takes)[0] else { return }
    let m = 200_000
    _ = try measure("20-field Swift struct pushed as a table, plus the call", iterations: m, target: 840 * 1.25) {
        for _ in 0..<m { _ = try runtime.call(reader, tables: [record]) }
    }
    _ = try measure("  the same through Codable (LuaStackEncoding)", iterations: m) {
        for _ in 0..<m { _ = try runtime.call(reader, encoding: record) }
    }

    let returns = try runtime.load("""
        return function()
          return { id = "C-1", area = "cambs", channel = "phone", tenure = "secure", gender = "f", wishes = "remain",
                   method = "text", language = "pl", partner = "idva", band = "high", age = 34, score = 15,
                   incidents = 3, children = 2, threshold = 17, danger = false, tenant = true, capacity = true,
                   eligible = true, homeless = false }
        end
        """, chunkName: "bench.lua")
    guard case .function(let producer) = try runtime.call(returns)[0] else { return }
    _ = try measure("Lua returns a 20-field table, converted to a Swift value", iterations: m, target: 3_550 * 1.25) {
        for _ in 0..<m { _ = try runtime.call(producer) }
    }
    _ = try measure("  the same, then decoded into a Codable struct", iterations: m) {
        for _ in 0..<m { _ = try LuaDecoder().decode(BenchRecord.self, from: try runtime.call(producer)[0]) }
    }

    let k = 2_000
    _ = try measure("A fresh sandboxed runtime with a small chunk loaded", iterations: k, target: 21_000 * 1.25) {
        for _ in 0..<k {
            let fresh = try LuaRuntime()
            _ = try fresh.run("return { marac_threshold = 14, bands = { medium = 10 } }", chunkName: "plugins/x/init.lua")
        }
    }
}
