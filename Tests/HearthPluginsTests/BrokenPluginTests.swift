import Foundation
import HearthCore
import Testing
@testable import HearthPlugins

/// A broken plugin and what loading it must say: the file (and line, when there is one) and words of the message.
struct BrokenPlugin: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String
    let line: Int?
    let fragment: String
    var testDescription: String { name }
}

@Suite("Broken and hostile plugins")
struct BrokenPluginTests {
    static let cases: [BrokenPlugin] = [
        BrokenPlugin(name: "syntax_error", file: "init.lua", line: 3, fragment: "'}' expected"),
        BrokenPlugin(name: "wrong_types", file: "init.lua", line: 2, fragment: "risk.marac_threshold: expected an integer from 1 to 24, or { default = 14, by_area = { name = 17 } }, found \"14\""),
        BrokenPlugin(name: "missing_sections", file: "init.lua", line: 1, fragment: "risk: missing"),
        BrokenPlugin(name: "unknown_keys", file: "init.lua", line: 2, fragment: "risk.marac_treshold: unknown field (did you mean 'marac_threshold'?)"),
        BrokenPlugin(name: "manifest_runs_code", file: "manifest.lua", line: 1, fragment: "manifest.lua is data only"),
        BrokenPlugin(name: "manifest_loops", file: "manifest.lua", line: 1, fragment: "instruction limit exceeded"),
        BrokenPlugin(name: "api_mismatch", file: "manifest.lua", line: 5, fragment: "written for plugin API version 2"),
        BrokenPlugin(name: "id_mismatch", file: "manifest.lua", line: 2, fragment: "must match the folder name"),
        BrokenPlugin(name: "missing_init", file: "init.lua", line: nil, fragment: "every plugin needs init.lua"),
        BrokenPlugin(name: "requires_outside", file: "init.lua", line: 1, fragment: "is not a module name"),
        BrokenPlugin(name: "duplicate_ids", file: "init.lua", line: 5, fragment: "duplicate id \"idva\""),
        BrokenPlugin(name: "invented_number", file: "init.lua", line: 4, fragment: "never invent one"),
        BrokenPlugin(name: "writes_global", file: "init.lua", line: 1, fragment: "assigning to 'threshold' is not allowed"),
        BrokenPlugin(name: "returns_nothing", file: "init.lua", line: nil, fragment: "must return the plugin table"),
        BrokenPlugin(name: "init_loops", file: "init.lua", line: 2, fragment: "instruction limit exceeded"),
        BrokenPlugin(name: "init_eats_memory", file: "init.lua", line: nil, fragment: "memory limit exceeded"),
    ]

    @Test("Given a broken plugin, when loaded, then the problem names its file, line and field, and the host goes on", arguments: cases)
    func broken(_ expected: BrokenPlugin) throws {
        let found = problems("\(brokenFolder)/\(expected.name)")
        let location = "\(brokenFolder)/\(expected.name)/\(expected.file)" + (expected.line.map { ":\($0)" } ?? "")
        #expect(found.contains { $0.description.hasPrefix(location) && $0.description.contains(expected.fragment) },
                "got: \(found.map(\.description))")
        // the host keeps going: a good plugin still loads afterwards
        #expect(try load("plugins/example").manifest.id == "example")
    }

    @Test("Given a plugin with several mistakes, when loaded, then every problem is reported at once")
    func allAtOnce() {
        let found = problems("\(brokenFolder)/wrong_types").map(\.description)
        #expect(found.count >= 5)
        #expect(found.contains { $0.contains("init.lua:5: helplines[2].number: expected a string, found 999") })
        #expect(found.contains { $0.contains("helplines[2].emergency: expected true or false, found \"yes\"") })
        #expect(found.contains { $0.contains("init.lua:8: partners[1].kind") && $0.contains("did you mean \"idva\"") })
        #expect(found.contains { $0.contains("closure_days[1]: expected a date") })
    }

    static let hooks: [(String, String)] = [
        ("hook_loops", "instruction limit exceeded"),
        ("hook_eats_memory", "memory limit exceeded"),
        ("hook_errors", "init.lua:13: no outreach partner for area"),
        ("hook_returns_garbage", "returned a patch that does not fit"),
        ("hook_returns_number", "returned a patch that does not fit"),
        ("hook_drops_marac", "tried to drop the MARAC referral at visible high risk"),
        ("hook_lowers_risk", "tried to lower the risk band"),
        ("hook_unknown_partner", "unknown partner 'nobody'"),
    ]

    @Test("Given a hostile hook, when the plugin is checked, then the hook is refused with its name and line",
          arguments: hooks.map(\.0))
    func hostileHooks(_ name: String) throws {
        let fragment = Self.hooks.first { $0.0 == name }!.1
        let plugin = try load("\(brokenFolder)/\(name)")
        let found = HookCheck.problems(plugin, now: now)
        #expect(found.contains { $0.description.contains("hook 'route' (\(brokenFolder)/\(name)/init.lua:") && $0.description.contains(fragment) },
                "got: \(found.map(\.description))")
        // and deciding a high-risk case with it fails loudly, never silently
        #expect(throws: DecisionError.self) { _ = try plugin.decide(try exampleCase("high-risk-children"), now: now) }
        // the plugin's runtime still works after the failure
        #expect(try plugin.runtime.run("return 1 + 1", chunkName: "after.lua") == [2])
    }
}
