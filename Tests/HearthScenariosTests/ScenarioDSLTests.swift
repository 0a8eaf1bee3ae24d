import Foundation
import Testing
@testable import HearthScenarios

@Suite("Scenario DSL")
struct ScenarioDSLTests {
    @Test("Given Cambridgeshire's threshold of 17, when a DASH of 15 is checked, then the scenario passes")
    func happyPath() throws {
        // Given
        let folder = try ScenarioFolder(["cross_keys_homes/risk.lua": """
        scenario "Cambridgeshire: a DASH of 15 is not visible high risk" {
          plugin = "cross_keys_homes",
          source = "Process for determining the support you need",
          tags = { "risk", "threshold" },
          now = "2025-03-04T10:00:00Z",
          case = cases.adult_victim { area = "cambridgeshire", dash = { yes_count = 15 } },
          expect = { risk = { marac = false, band = "medium", threshold = 17 }, referrals = { excludes = { kind = "marac" } },
                     invariants = true },
        }
        """])
        // When
        let run = try folder.run()
        // Then
        #expect(run.results.count == 1)
        #expect(run.results[0].outcome == .passed, "\(run.reportText)")
        #expect(run.results[0].plugin == "cross_keys_homes")
        #expect(run.results[0].line == 1)
        #expect(run.summary == "1 passed, 0 failed")
    }

    @Test("Given a grid of three rows, when it runs, then each row is a scenario named after its values")
    func gridExpansion() throws {
        // Given
        let folder = try ScenarioFolder(["grid.lua": """
        grid "MARAC threshold by area" {
          plugin = "cross_keys_homes",
          rows = { { area = "cambridgeshire", score = 16, marac = false }, { area = "cambridgeshire", score = 17, marac = true },
                   { area = "peterborough", score = 14, marac = true, name = "Peterborough at 14" } },
          case = function(row) return cases.adult_victim { area = row.area, dash = { yes_count = row.score } } end,
          expect = function(row) return { risk = { marac = row.marac } } end,
        }
        """])
        // When
        let run = try folder.run()
        // Then
        #expect(run.results.map(\.outcome) == [.passed, .passed, .passed], "\(run.reportText)")
        #expect(run.results[0].name == "MARAC threshold by area [row 1: area = \"cambridgeshire\", marac = false, score = 16]")
        #expect(run.results[2].name == "MARAC threshold by area [Peterborough at 14]")
        #expect(run.results.allSatisfy { $0.line == 1 })
    }

    @Test("Given one scenario for two councils and for every council, when run, then there is a result per plugin")
    func multiPlugin() throws {
        // Given: Cross Keys Homes sends 15 in Peterborough to MARAC (threshold 14); the scenario says so for both.
        let folder = try ScenarioFolder(["compare.lua": """
        scenario "Peterborough, DASH 15" {
          plugin = { "cross_keys_homes", "eastleigh" },
          case = cases.adult_victim { area = "peterborough", dash = { yes_count = 15 } },
          expect = { risk = { marac = true } },
        }
        scenario "visible high risk everywhere" {
          plugin = "*",
          case = cases.adult_victim { dash = { yes_count = 24 } },
          expect = { risk = { marac = true }, invariants = true },
        }
        """])
        // When
        let run = try folder.run()
        // Then: Eastleigh's threshold is higher, so the comparison shows where the councils differ.
        let first = run.results.filter { $0.name == "Peterborough, DASH 15" }
        #expect(first.map(\.plugin) == ["cross_keys_homes", "eastleigh"])
        let everywhere = run.results.filter { $0.name == "visible high risk everywhere" }
        #expect(everywhere.map(\.plugin) == ["canterbury", "chesterfield", "cross_keys_homes", "east_cambridgeshire", "eastleigh"])
        #expect(everywhere.allSatisfy { $0.outcome == .passed }, "\(run.reportText)")
    }

    @Test("Given describe blocks, tags and a skip, when filtered, then only matching scenarios run")
    func filterTagsAndSkip() throws {
        // Given
        let folder = try ScenarioFolder(["eastleigh/consent.lua": """
        describe("consent", function()
          scenario "refused hand-off" {
            tags = { "consent" },
            case = cases.adult_victim { consent = { handoff = "refused" } },
            expect = { actions = { includes = { id = "handoff_declined" } } },
          }
          scenario "given hand-off" {
            tags = { "consent", "slow" },
            skip = "waiting for the new policy",
            case = cases.adult_victim(),
            expect = {},
          }
        end)
        scenario "risk only" { tags = { "risk" }, case = cases.adult_victim(), expect = { risk = { marac = false } } }
        """])
        // When
        let byTag = try folder.run(tags: ["consent"])
        let byName = try folder.run(filter: "REFUSED")
        // Then: the plugin comes from the folder name; names carry the describe block.
        #expect(byTag.results.map(\.name) == ["consent › refused hand-off", "consent › given hand-off"])
        #expect(byTag.results.map(\.plugin) == ["eastleigh", "eastleigh"])
        #expect(byTag.summary == "1 passed, 0 failed, 1 skipped", "\(byTag.reportText)")
        #expect(byName.results.map(\.name) == ["consent › refused hand-off"])
    }

    @Test("Given a helper module in the same folder, when a scenario file requires it, then its builders work")
    func helperModules() throws {
        // Given
        let folder = try ScenarioFolder([
            "support.lua": """
            local M = {}
            function M.high_risk(overrides) return cases.merge(cases.adult_victim { dash = { yes_count = 20 } }, overrides) end
            return M
            """,
            "uses_support.lua": """
            local support = require "support"
            scenario "high risk with children" {
              plugin = "eastleigh",
              case = support.high_risk { children = { { age = 3, related_to_victim = true, related_to_perpetrator = false, exposed = true } } },
              expect = { child_victims = { count = 1 }, risk = { band = "high" } },
            }
            """,
        ])
        // When
        let run = try folder.run()
        // Then: the helper defines no scenario and contributes nothing of its own.
        #expect(run.results.count == 1)
        #expect(run.results[0].outcome == .passed, "\(run.reportText)")
    }

    @Test("Given the case builders, when merged with overrides, then lists replace, tables merge and cases.none removes")
    func caseBuilders() throws {
        // Given
        let folder = try ScenarioFolder(["builders.lua": """
        local c = cases.merge(cases.adult_victim { behaviours = { "economic" }, victim = { age = 40 } }, { dash = cases.none })
        assert(#c.behaviours == 1 and c.behaviours[1] == "economic", "a list replaces the list")
        assert(c.victim.age == 40 and c.victim.tenure == "assured", "tables merge")
        assert(c.dash == nil, "cases.none removes a field")
        local d = cases.adult_victim { dash = cases.dash_yes { 1, 2, 3 } }
        assert(d.dash.yes_count == nil and d.dash.answers["2"] == "yes" and d.dash.answers["4"] == "no", "dash is replaced whole")
        for _, build in ipairs { cases.base, cases.adult_victim, cases.child_in_household, cases.homeless, cases.under_16 } do
          scenario "builder is valid" { plugin = "canterbury", case = build(), expect = { invariants = true } }
        end
        """])
        // When
        let run = try folder.run()
        // Then
        #expect(run.results.count == 5)
        #expect(run.results.allSatisfy { $0.outcome == .passed }, "\(run.reportText)")
    }

    @Test("Given docs/scenarios.md, when read, then it prints every case builder exactly as the host loads it")
    func builderDocsMatchThePrelude() throws {
        // Given
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("docs/scenarios.md"), encoding: .utf8)
        // When
        let builders = ScenarioPrelude.source.components(separatedBy: "\n").filter { $0.hasPrefix("function cases.") || $0.hasPrefix("function is.") }
        // Then
        #expect(builders.count >= 10)
        for line in builders { #expect(docs.contains(line), "docs/scenarios.md does not show: \(line)") }
    }

    @Test("Given a describe block with shared fields, when its scenarios run, then they inherit plugin, source and tags")
    func describeDefaults() throws {
        // Given
        let folder = try ScenarioFolder(["shared.lua": """
        describe("consent", { plugin = "canterbury", source = "§5", tags = { "consent" } }, function()
          describe("refused", { tags = { "refused" } }, function()
            scenario "hand-off refused" { tags = { "handoff" }, case = cases.adult_victim { consent = { handoff = "refused" } },
                                          expect = { actions = { includes = { id = "handoff_declined" } } } }
          end)
          scenario "own plugin wins" { plugin = "eastleigh", case = cases.adult_victim(), expect = {} }
        end)
        """])
        // When
        let run = try folder.run(tags: ["handoff", "consent"])
        // Then
        #expect(run.results.map(\.name) == ["consent › refused › hand-off refused", "consent › own plugin wins"])
        #expect(run.results.map(\.plugin) == ["canterbury", "eastleigh"])
        #expect(run.results.allSatisfy { $0.source == "§5" && $0.outcome == .passed }, "\(run.reportText)")
        #expect(try folder.run(tags: ["refused"]).results.count == 1)
    }
}
