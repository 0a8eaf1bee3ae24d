import Foundation

// Hearth's benchmarks. Run them from the package root in a release build:
//   swift build -c release && .build/release/hearth-bench [lua|core|plugins|hooks|scenarios|store|import|all]
// Figures and the targets they are held to are recorded in docs/performance.md.

let which = CommandLine.arguments.dropFirst().first ?? "all"
let known = ["lua", "core", "plugins", "hooks", "scenarios", "store", "import", "all"]
guard known.contains(which) else {
    FileHandle.standardError.write(Data("usage: hearth-bench [\(known.joined(separator: "|"))]\n".utf8))
    exit(2)
}
func selected(_ name: String) -> Bool { which == name || which == "all" }
do {
    if selected("lua") { try runLuaBenchmarks(); print("") }
    if selected("core") { try runCoreBenchmarks(); print("") }
    if selected("plugins") { try runPluginBenchmarks(); try runHookBreakdown(); print("") }
    if which == "hooks" { try runHookBreakdown(); print("") }
    if selected("scenarios") { try runScenarioBenchmarks(); print("") }
    if selected("store") { runStoreBenchmarks(); print("") }
    if selected("import") { try runImportBenchmarks(); print("") }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
