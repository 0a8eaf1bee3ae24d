import Foundation
import Testing
@testable import HearthScenarios

@Suite("Bad scenario input is an error with file:line, and the run goes on")
struct BadInputTests {
    /// A file that passes, run beside each bad one to show that the run goes on.
    static let good = """
    scenario "still runs" { plugin = "eastleigh", case = cases.adult_victim(), expect = { risk = { marac = false } } }
    """

    @Test("Given a syntax error, when run, then an error names the file and line and the other file still runs")
    func syntaxError() throws {
        // Given
        let folder = try ScenarioFolder(["a_bad.lua": "scenario \"x\" {\n  case = cases.base(\n}\n", "b_good.lua": Self.good])
        // When
        let run = try folder.run()
        // Then
        let error = try #require(run.results.first { $0.isError })
        #expect(error.location == folder.path("a_bad.lua") + ":3")
        #expect(error.reportLines == ["\(folder.path("a_bad.lua")):3: ERROR syntax error: unexpected symbol near '}'"])
        #expect(run.results.contains { $0.name == "still runs" && $0.outcome == .passed })
        #expect(run.summary == "1 passed, 1 failed")
    }

    @Test("Given an unknown plugin, when run, then the error lists the plugins that exist")
    func unknownPlugin() throws {
        // Given
        let folder = try ScenarioFolder(["a.lua": "\nscenario \"typo\" { plugin = \"eastleigh_bc\", case = cases.base(), expect = {} }\n" + Self.good])
        // When
        let run = try folder.run()
        // Then
        let error = try #require(run.results.first { $0.isError })
        #expect(error.line == 2)
        #expect(error.detail == ["unknown plugin 'eastleigh_bc'; the plugins in plugins/ are canterbury, chesterfield, cross_keys_homes, east_cambridgeshire, eastleigh, example (did you mean eastleigh?)"])
        #expect(run.results.contains { $0.name == "still runs" && $0.outcome == .passed })
    }

    @Test("Given a typo in expect, when run, then the error names the field, the fields that exist and a likely match")
    func unknownExpectField() throws {
        // Given
        let folder = try ScenarioFolder(["a.lua": """
        scenario "typo" {
          plugin = "eastleigh",
          case = cases.adult_victim(),
          expect = { risk = { marc = true, band = "hihg" }, referrals = { includes = { knd = "marac" } } },
        }
        """ + "\n" + Self.good])
        // When
        let run = try folder.run()
        // Then: an error, not a failure, even though the plan has no item to compare.
        let error = try #require(run.results.first { $0.isError })
        #expect(error.line == 1)
        #expect(error.detail.contains("expect.risk.marc: the plan has no field 'marc' in risk; the fields there are answered, band, criteria, dash_recorded, marac, rule, score, score_band, threshold (did you mean marac?)"))
        #expect(error.detail.contains("expect.risk.band: \"hihg\" is not a value risk.band can take; it is one of standard, medium, high (did you mean high?)"))
        #expect(error.detail.contains { $0.hasPrefix("expect.referrals[].knd: the plan has no field 'knd' in referrals[]") && $0.hasSuffix("(did you mean kind?)") })
        #expect(run.results.contains { $0.name == "still runs" && $0.outcome == .passed })
    }

    @Test("Given a case that fails validation, when run, then the error lists each problem by JSON path")
    func invalidCase() throws {
        // Given
        let folder = try ScenarioFolder(["a.lua": """
        scenario "bad case" {
          plugin = "eastleigh",
          case = cases.adult_victim { victim = { age = -3 }, colour = "red" },
          expect = { risk = { marac = false } },
        }
        """ + "\n" + Self.good])
        // When
        let run = try folder.run()
        // Then
        let error = try #require(run.results.first { $0.isError })
        #expect(error.location == folder.path("a.lua") + ":1")
        #expect(error.detail.first == "the case is not valid (2 problems):")
        #expect(error.detail.contains("  case.victim.age: expected an integer from 0 to 130, found -3"))
        #expect(error.detail.contains { $0.hasPrefix("  case.colour: unknown field 'colour'") })
        #expect(run.results.contains { $0.name == "still runs" && $0.outcome == .passed })
    }

    @Test("Given a misspelt scenario field or a global assignment, when run, then each is an error at its line")
    func specTypoAndGlobals() throws {
        // Given
        let folder = try ScenarioFolder([
            "a.lua": "scenario \"typo\" { plugin = \"eastleigh\", case = cases.base(), expcet = {} }\n" + Self.good,
            "b.lua": "scenario \"before the error\" { plugin = \"eastleigh\", case = cases.base(), expect = {} }\n\nthreshold = 17\n",
        ])
        // When
        let run = try folder.run()
        // Then
        let typo = try #require(run.results.first { $0.name == "typo" })
        #expect(typo.detail.contains("unknown field 'expcet' in the scenario; the fields are case, expect, now, plugin, skip, source, tags (did you mean expect?)"))
        let global = try #require(run.results.first { $0.file == folder.path("b.lua") && $0.isError })
        #expect(global.line == 3)
        #expect(global.detail[0].contains("read-only"))
        #expect(run.results.contains { $0.name == "before the error" && $0.outcome == .passed })
        #expect(run.errors == 2 && run.passed == 2)
    }
}
