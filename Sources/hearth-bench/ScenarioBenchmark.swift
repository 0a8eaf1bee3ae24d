import Foundation
import HearthScenarios

/// 1,000 policy scenarios across the five council plugins, run as `hearth test` runs them; the target is under one
/// second for the whole run (plugins loaded, files run, every case decided and matched). Run from the package root.
func runScenarioBenchmarks() throws {
    print("Policy scenarios (hearth test, in-process)")
    let plugins = ["canterbury", "chesterfield", "cross_keys_homes", "east_cambridgeshire", "eastleigh"]
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-scenario-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: folder)
    defer { try? FileManager.default.removeItem(at: folder) }
    // Per plugin: 4 files × (40 scenarios + one grid of 10 rows) = 200 scenarios; 5 plugins = 1,000.
    for plugin in plugins {
        let dir = folder.appendingPathComponent(plugin)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in 1...4 {
            var lua = "-- generated: \(plugin), file \(file)\n"
            for i in 1...40 {
                let score = (i * 7 + file) % 25
                let area = ["cambridgeshire", "peterborough", "hampshire", "kent", "derbyshire"][i % 5]
                let children = i % 4 == 0 ? ", children = { { age = 6, related_to_victim = true, related_to_perpetrator = true, exposed = true } }" : ""
                let homeless = i % 6 == 0 ? ", housing = { homeless = true, wishes = \"move\" }" : ""
                lua += """
                scenario "\(plugin) \(file)-\(i): DASH \(score) in \(area)" {
                  plugin = "\(plugin)",
                  tags = { "bench", "risk" },
                  case = cases.adult_victim { area = "\(area)", dash = { yes_count = \(score) }\(children)\(homeless),
                                              consent = { referrals = { idva = "given", police = "refused" } } },
                  expect = {
                    risk = { score = \(score), band = is.one_of { "standard", "medium", "high" }, threshold = is.between(1, 24) },
                    referrals = { every = is.one_of { { status = is.no("ready") }, { consent = "given" }, { basis = is.present } },
                                  count = is.at_least(0) },
                    scope = { within_act = true },
                    helplines = { victim = { count = is.at_least(0) } },
                    invariants = true,
                  },
                }

                """
            }
            lua += """
            grid "\(plugin) \(file): MARAC by score" {
              plugin = "\(plugin)",
              tags = { "bench", "grid" },
              rows = { \((0..<10).map { "{ score = \($0 * 2 + 5) }" }.joined(separator: ", ")) },
              case = function(row) return cases.child_in_household { dash = { yes_count = row.score } } end,
              expect = function(row)
                return { risk = { score = row.score }, referrals = { includes = { kind = "safeguarding_children" } }, invariants = true }
              end,
            }

            """
            try lua.write(to: dir.appendingPathComponent("bench_\(file).lua"), atomically: true, encoding: .utf8)
        }
    }
    var samples: [Double] = []
    var last: ScenarioRun?
    for _ in 0..<3 {
        let runner = ScenarioRunner(options: ScenarioOptions(paths: [folder.path], pluginsFolder: "plugins"))
        let start = DispatchTime.now().uptimeNanoseconds
        let run = try runner.run()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start))
        last = run
    }
    guard let run = last else { return }
    guard run.results.count == 1000, run.failed == 0 else {
        let first = run.results.first { $0.outcome != .passed }?.reportLines.joined(separator: "\n") ?? ""
        throw BenchmarkFailure("expected 1,000 passing scenarios, got \(run.summary) of \(run.results.count)\n\(first)")
    }
    let median = samples.sorted()[1]
    report("1,000 scenarios across 5 plugins, whole run", nanoseconds: median, target: 1e9)
    report("  per scenario (decide, encode, match, invariants)", nanoseconds: median / 1000, target: nil)
}

/// A benchmark that could not measure what it should.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
