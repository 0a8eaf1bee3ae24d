import Foundation
import HearthCore
import HearthPlugins
import Testing
@testable import HearthScenarios

@Suite("Plans as value trees")
struct PlanTreeTests {
    @Test("Given each example case under Eastleigh, when encoded to a tree, then it equals the JSON hearth decide prints")
    func treeMatchesJSON() throws {
        // Given
        let plugin = try PluginLoader(projectRoot: packageRoot).load("plugins/eastleigh")
        let examples = packageRoot.appendingPathComponent("docs/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let caseFile = try CaseFile.parse(json: try Data(contentsOf: examples.appendingPathComponent(file)))
            let plan = try plugin.decide(caseFile, now: caseFile.reportedAt)
            // When
            let tree = try JSONValueEncoder().encode(plan)
            let partial = try JSONValueEncoder(onlyKeys: ["risk"]).encode(plan)
            // Then
            #expect(tree == (try JSONValue.parse(plan.jsonData())), "\(file)")
            guard case .object(let full) = tree, case .object(let some) = partial else { Issue.record("not objects"); continue }
            #expect(Array(some.keys) == ["risk"] && some["risk"] == full["risk"])
        }
    }

    @Test("Given the plan's type, when its shape is read, then optional fields, lists, maps and enum values are known")
    func shape() throws {
        // Given / When
        guard case .object(let top) = PlanShape.plan else { Issue.record("the plan is not an object"); return }
        // Then
        guard case .list(.object(let referral))? = top["referrals"] else { Issue.record("referrals is not a list of objects"); return }
        #expect(referral["basis"] != nil && referral["basis_rule"] != nil && referral["contact"] != nil)
        guard case .object(let risk)? = top["risk"], case .scalar(let bands)? = risk["band"] else { Issue.record("no risk.band"); return }
        #expect(bands == ["standard", "medium", "high"])
        switch top["helplines"] {
        case .map(.list, let keys)?:
            #expect(Set(keys) == ["victim", "perpetrator", "child", "professional", "any"])
        case .object(let audiences)?:
            #expect(Set(audiences.keys) == ["victim", "perpetrator", "child", "professional", "any"])
            #expect(audiences.values.allSatisfy { if case .list = $0 { true } else { false } })
        default:
            Issue.record("helplines is not a list per audience")
        }
        #expect(top["perpetrator_view"] != nil)
    }
}
