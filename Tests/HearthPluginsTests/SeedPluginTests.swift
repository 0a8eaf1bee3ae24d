import Foundation
import HearthCore
import Testing
@testable import HearthPlugins

@Suite("The seed councils' plugins")
struct SeedPluginTests {
    static let councils = ["east_cambridgeshire", "cross_keys_homes", "canterbury", "eastleigh", "chesterfield", "example"]

    @Test("Given a seed plugin, when loaded, then it validates and every hook behaves on the sample cases", arguments: councils)
    func loads(_ id: String) throws {
        let plugin = try load("plugins/\(id)")
        #expect(plugin.manifest.id == id)
        #expect(plugin.manifest.api == 1)
        #expect(plugin.identity.contentHash?.hasPrefix("sha256:") == true)
        #expect(HookCheck.problems(plugin, now: now).isEmpty)
        #expect(!plugin.policy.helplines.isEmpty)
    }

    @Test("Given Cross Keys Homes, when DASH is 16, 17 in Cambridgeshire and 14 in Peterborough, then MARAC follows 17 / 14")
    func crossKeysThreshold() throws {
        let plugin = try load("plugins/cross_keys_homes")
        var c = try exampleCase("dash-15-cambridgeshire")
        for (area, score, marac) in [("Cambridgeshire", 16, false), ("Cambridgeshire", 17, true), ("Peterborough", 14, true), ("Peterborough", 13, false)] {
            c.area = area
            c.dash = .yesCount(score)
            let plan = try plugin.decide(c, now: now)
            #expect(plan.risk.marac == marac, "\(area) \(score)")
            #expect(plan.risk.threshold == (area == "Cambridgeshire" ? 17 : 14))
        }
    }

    @Test("Given Eastleigh's ??? placeholders, when loaded, then each is a warning with its line and no number is invented")
    func eastleighPlaceholders() throws {
        let plugin = try load("plugins/eastleigh")
        let placeholders = plugin.warnings.filter { $0.message.contains("placeholder") }
        #expect(placeholders.count >= 3)
        #expect(placeholders.allSatisfy { $0.message.hasPrefix("plugins/eastleigh/init.lua:") })
        let perpetratorLine = try #require(plugin.policy.helplines.first { $0.audience == .perpetrator && $0.placeholder != nil })
        #expect(perpetratorLine.number == nil)
    }

    @Test("Given Cross Keys Homes' 0845 numbers, when loaded, then they are kept as printed and flagged out of date")
    func crossKeysOutdated() throws {
        let plugin = try load("plugins/cross_keys_homes")
        let outdated = plugin.policy.helplines.filter { $0.outdated != nil }
        #expect(outdated.contains { $0.number == "08454 103 123" })
        #expect(plugin.warnings.contains { $0.message.contains("out of date") && $0.message.contains("helplines.lua:") })
    }

    @Test("Given a plugin item, when it produces part of a plan, then the plan names its file and line")
    func locations() throws {
        let plugin = try load("plugins/eastleigh")
        #expect(plugin.policy.partners.allSatisfy { $0.location?.hasPrefix("plugins/eastleigh/init.lua:") == true })
        #expect(plugin.policy.housingOptions.allSatisfy { $0.location?.hasPrefix("plugins/eastleigh/housing.lua:") == true })
        let plan = try plugin.decide(try exampleCase("high-risk-children"), now: now)
        #expect(!plan.measures.isEmpty && plan.measures.allSatisfy { $0.rule.hasPrefix("plugins/eastleigh/init.lua:") })
    }

    @Test("Given Eastleigh's §6 signs with no numbers, when loaded, then each is kept with a warning and no count is invented")
    func identification() throws {
        let eastleigh = try load("plugins/eastleigh")
        #expect(eastleigh.identification["lock_change"]?.count == nil)
        #expect(eastleigh.identification["lock_change"]?.source == "§6")
        #expect(eastleigh.warnings.contains { $0.path == "identification.lock_change" && $0.description.contains("plugins/eastleigh/init.lua:") })
        let example = try load("plugins/example")
        #expect(example.identification["lock_change"]?.count == 2)
        #expect(example.identification["lock_change"]?.withinMonths == 12)
    }

    @Test("Given two plugins, when loaded, then each has its own Lua runtime")
    func separateRuntimes() throws {
        let a = try load("plugins/cross_keys_homes"), b = try load("plugins/example")
        #expect(a.runtime !== b.runtime)
    }

    @Test("Given a plugin folder, when one file changes, then its content hash changes")
    func contentHash() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-hash-\(UUID())/example")
        try FileManager.default.createDirectory(at: temp.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("plugins/example"), to: temp)
        let before = PluginLoader.contentHash(of: temp)
        #expect(before == PluginLoader.contentHash(of: packageRoot.appendingPathComponent("plugins/example")))
        let initFile = temp.appendingPathComponent("init.lua")
        try (String(contentsOf: initFile, encoding: .utf8) + "\n-- changed\n").write(to: initFile, atomically: true, encoding: .utf8)
        #expect(PluginLoader.contentHash(of: temp) != before)
    }

    @Test("Given two councils, when diffed, then the threshold difference is listed")
    func diff() throws {
        let lines = PolicyDiff.lines(try load("plugins/eastleigh"), try load("plugins/cross_keys_homes"))
        #expect(lines.contains { $0.contains("risk.marac_threshold") })
        #expect(PolicyDiff.lines(try load("plugins/eastleigh"), try load("plugins/eastleigh")).isEmpty)
    }
}
