import Foundation

// Hearth's benchmarks. Run them in a release build:
//   swift run -c release hearth-bench [lua|core|plugins|scenarios|store|import|all]
// Figures and the targets they are held to are recorded in docs/performance.md.

let which = CommandLine.arguments.dropFirst().first ?? "all"
let known = ["lua", "core", "plugins", "all"]
guard known.contains(which) else {
    FileHandle.standardError.write(Data("usage: hearth-bench [\(known.joined(separator: "|"))]\n".utf8))
    exit(2)
}
do {
    if which == "lua" || which == "all" { try runLuaBenchmarks(); print("") }
    if which == "core" || which == "all" { try runCoreBenchmarks(); print("") }
    if which == "plugins" || which == "all" { try runPluginBenchmarks(); try runHookBreakdown(); print("") }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
