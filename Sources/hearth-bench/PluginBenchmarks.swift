import Foundation
import HearthCore
import HearthPlugins

/// The core's decision speed with a Swift-built policy (target: 200,000 cases/s on one core).
func runCoreBenchmarks() throws {
    print("Core decision pipeline (release build, one core)")
    let policy = Samples.policy()
    let c = Samples.typicalCase()
    let now = Timestamp.parse("2025-08-22T17:00:00+01:00")!
    let n = 200_000
    let ns = try measure("decide, typical case, Swift-built policy", iterations: n) {
        for _ in 0..<n { _ = try decide(c, policy: policy, now: now) }
    }
    reportRate("  cases per second", perSecond: 1e9 / ns, target: 200_000)
}

/// Loading plugins and deciding through them (targets: load ≤ 2 ms, `plugin check plugins/*` cold ≤ 150 ms,
/// decide through a Lua plugin with hooks ≥ 30,000 cases/s).
func runPluginBenchmarks() throws {
    print("Plugins (release build)")
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let loader = PluginLoader(projectRoot: root)
    for id in ["east_cambridgeshire", "cross_keys_homes", "canterbury", "eastleigh", "chesterfield"] {
        let k = 200
        _ = try measure("load and validate plugins/\(id)", iterations: k, target: 2_000_000) {
            for _ in 0..<k { _ = try loader.load("plugins/\(id)") }
        }
    }
    let binary = root.appendingPathComponent(".build/release/hearth")
    if FileManager.default.isExecutableFile(atPath: binary.path) {
        let folders = ["east_cambridgeshire", "cross_keys_homes", "canterbury", "eastleigh", "chesterfield", "example"].map { "plugins/\($0)" }
        let k = 10
        _ = try measure("`hearth plugin check plugins/*` cold (whole process)", iterations: k, target: 150_000_000) {
            for _ in 0..<k {
                let p = Process()
                p.executableURL = binary
                p.arguments = ["plugin", "check", "--quiet"] + folders
                p.standardOutput = FileHandle.nullDevice
                try p.run()
                p.waitUntilExit()
            }
        }
    } else {
        print("  (build .build/release/hearth to time `hearth plugin check` as a whole process)")
    }
    let plugin = try loader.load("plugins/cross_keys_homes")
    let examples = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs/examples").path)
        .filter { $0.hasSuffix(".json") }.sorted()
        .map { try CaseFile.parse(json: Data(contentsOf: root.appendingPathComponent("docs/examples/\($0)"))) }
    let now = Timestamp.parse("2025-03-04T10:00:00Z")!
    let n = 24_000
    let ns = try measure("decide through cross_keys_homes, the example cases in turn", iterations: n) {
        for i in 0..<n { _ = try plugin.decide(examples[i % examples.count], now: now) }
    }
    reportRate("  cases per second (hook route_by_area runs on every case)", perSecond: 1e9 / ns, target: 30_000)
    let peterborough = try CaseFile.parse(json: Data(contentsOf: root.appendingPathComponent("docs/examples/standard-phone.json")))
    let m = 20_000
    let worst = try measure("  worst case: a Peterborough case, the hook patches every plan", iterations: m) {
        for _ in 0..<m { _ = try plugin.decide(peterborough, now: now) }
    }
    reportRate("  cases per second, worst case", perSecond: 1e9 / worst, target: nil)
}

/// Where the time of a hooked decision goes.
func runHookBreakdown() throws {
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let plugin = try PluginLoader(projectRoot: root).load("plugins/cross_keys_homes")
    let c = try CaseFile.parse(json: Data(contentsOf: root.appendingPathComponent("docs/examples/standard-phone.json")))
    let now = Timestamp.parse("2025-03-04T10:00:00Z")!
    var bare = plugin.policy
    bare.hooks = []
    let n = 20_000
    _ = try measure("  decide under the plugin's policy without its hooks", iterations: n) {
        for _ in 0..<n { _ = try decide(c, policy: bare, now: now) }
    }
    let f = try plugin.runtime.load("return function(case, plan) return nil end", chunkName: "b.lua")
    guard case .function(let g) = try plugin.runtime.call(f)[0] else { return }
    _ = try measure("  case pushed to Lua and an empty hook called", iterations: n) {
        for _ in 0..<n { _ = try plugin.runtime.call(g, tables: [c]) }
    }
    let plan = try decide(c, policy: bare, now: now)
    _ = try measure("  case and plan summary pushed, empty hook", iterations: n) {
        for _ in 0..<n { _ = try plugin.runtime.call(g, tables: [c, HookPlanView(plan)]) }
    }
    let hook = plugin.policy.hooks[0]
    _ = try measure("  the plugin's hook run alone (returns a patch)", iterations: n) {
        for _ in 0..<n { _ = try hook.run(c, plan) }
    }
    let patch = try hook.run(c, plan)!
    _ = try measure("  the core applying that patch", iterations: n) {
        for _ in 0..<n { _ = try Pipeline.apply(patch, from: hook, to: plan, caseFile: c, policy: bare) }
    }
}
