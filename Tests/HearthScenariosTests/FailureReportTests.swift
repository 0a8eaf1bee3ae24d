import Foundation
import Testing
@testable import HearthScenarios

@Suite("Failures say exactly what differs")
struct FailureReportTests {
    @Test("Given a scenario that expects no MARAC at 18 in Cambridgeshire, when it fails, then the diff names each difference")
    func wording() throws {
        // Given
        let folder = try ScenarioFolder(["risk.lua": """
        -- Cross Keys Homes: the threshold in Cambridgeshire is 17
        scenario "Cambridgeshire: a DASH of 18 is not visible high risk" {
          plugin = "cross_keys_homes",
          source = "Process for determining the support you need",
          case = cases.adult_victim { area = "cambridgeshire", dash = { yes_count = 18 } },
          expect = { risk = { marac = false, score = is.between(10, 16) }, referrals = { excludes = { kind = "marac" }, count = 2 } },
        }
        """])
        // When
        let run = try folder.run()
        // Then
        let result = try #require(run.results.first)
        let lines = result.reportLines
        #expect(lines[0] == "\(folder.path("risk.lua")):2: FAIL Cambridgeshire: a DASH of 18 is not visible high risk [cross_keys_homes]")
        #expect(lines[1] == "    policy: Process for determining the support you need")
        #expect(lines.contains("    risk.marac: expected false, got true"))
        #expect(lines.contains("    risk.score: expected between 10 and 16, got 18"))
        #expect(lines.contains("    referrals: expected no item matching {kind = \"marac\"}, found referrals[1] {partner = \"marac\", kind = \"marac\", status = \"ready\"}"))
        #expect(lines.contains { $0.hasPrefix("    referrals: expected 2 items, got ") })
    }

    @Test("Given includes, every and an exact list, when they fail, then the closest item and the differences are shown")
    func listWording() throws {
        // Given
        let folder = try ScenarioFolder(["lists.lua": """
        scenario "lists" {
          plugin = "cross_keys_homes",
          case = cases.adult_victim { dash = { yes_count = 20 }, professional_judgement = { high_risk = true, reason = "strangulation" } },
          expect = {
            referrals = { includes = { kind = "marac", status = "declined" }, every = { consent = "given" } },
            risk = { criteria = { "visible_high_risk" } },
          },
        }
        """])
        // When
        let run = try folder.run()
        // Then
        let lines = try #require(run.results.first).detail
        #expect(lines.contains("referrals: expected an item matching {kind = \"marac\", status = \"declined\"}, found none among \(try count(run)); closest is referrals[1] {partner = \"marac\", kind = \"marac\", status = \"ready\"}: referrals[1].status: expected \"declined\", got \"ready\""))
        #expect(lines.contains { $0.hasPrefix("referrals: expected every item to match {consent = \"given\"}; referrals[1] {partner = \"marac\", consent = ") })
        #expect(lines.contains("risk.criteria: expected exactly {\"visible_high_risk\"} (in any order), got {\"visible_high_risk\", \"professional_judgement\"}; unexpected \"professional_judgement\""))
    }

    func count(_ run: ScenarioRun) throws -> Int {
        let line = try #require(run.results.first?.detail.first { $0.hasPrefix("referrals: expected an item") })
        let part = try #require(line.components(separatedBy: "found none among ").last?.split(separator: ";").first)
        return try #require(Int(part))
    }

    @Test("Given matchers, maps and the perpetrator's view, when they hold, then the scenario passes")
    func matchersPass() throws {
        // Given
        let folder = try ScenarioFolder(["matchers.lua": """
        scenario "matchers" {
          plugin = "eastleigh",
          case = cases.child_in_household { dash = { yes_count = 14 }, needs = { interpreter_language = "Polish" } },
          expect = {
            risk = { band = is.one_of { "medium", "high" }, score = is.at_least(10), answered = is.absent, rule = is.matches("^plugins/eastleigh/init%.lua:%d+$") },
            child_victims = { { age = 7 } },
            contact = { notes = { includes = is.containing("Polish") } },
            helplines = { any = { count = is.at_least(1), every = { number = is.one_of { is.present, is.absent } } }, child = { count = 0 }, victim = is.absent },
            perpetrator_view = { actions = { every = { name = is.no(is.containing("Polish")) } } },
            scope = { within_act = is.satisfying("true", function(v) return v == true end) },
            invariants = true,
          },
        }
        """])
        // When
        let run = try folder.run()
        // Then
        #expect(run.results.first?.outcome == .passed, "\(run.reportText)")
    }

    @Test("Given a case refused as input, when the scenario expects that error, then it passes; a plan instead fails it")
    func expectedError() throws {
        // Given
        let folder = try ScenarioFolder(["error.lua": """
        scenario "a letter to an unsafe address is refused" {
          plugin = "eastleigh",
          case = cases.adult_victim { contact = { safe_method = "letter", address_safe = false } },
          expect = { error = "address_safe" },
        }
        scenario "a plan is not an error" { plugin = "eastleigh", case = cases.adult_victim(), expect = { error = "anything" } }
        """])
        // When
        let run = try folder.run()
        // Then
        #expect(run.results[0].outcome == .passed, "\(run.reportText)")
        #expect(run.results[1].detail == ["error: expected the decision to fail with an error containing \"anything\", but it gave a plan"])
    }

    @Test("Given a hook that drops the MARAC referral at high risk, when the scenario expects the refusal, then it passes")
    func hookBreakingAnInvariant() throws {
        // Given: a copy of the example plugin whose hook removes the MARAC referral.
        let plugins = try ScenarioFolder([:])
        let folder = plugins.url.appendingPathComponent("breaking")
        try FileManager.default.createDirectory(at: plugins.url, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("plugins/example"), to: folder)
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.lua"), encoding: .utf8)
        try manifest.replacingOccurrences(of: "id = \"example\"", with: "id = \"breaking\"")
            .write(to: folder.appendingPathComponent("manifest.lua"), atomically: true, encoding: .utf8)
        let source = try String(contentsOf: folder.appendingPathComponent("init.lua"), encoding: .utf8)
        try source.replacingOccurrences(of: "route_by_area = function(case, plan)",
                                        with: "drop_marac = function(case, plan) return { remove_referrals = { \"marac\" } } end,\n    route_by_area = function(case, plan)")
            .write(to: folder.appendingPathComponent("init.lua"), atomically: true, encoding: .utf8)
        let scenarios = try ScenarioFolder(["breaking.lua": """
        scenario "the core refuses to drop MARAC" {
          plugin = "breaking",
          case = cases.adult_victim { dash = { yes_count = 20 } },
          expect = { error = "MARAC" },
        }
        scenario "without saying so, the refusal is a failure" {
          plugin = "breaking",
          case = cases.adult_victim { dash = { yes_count = 20 } },
          expect = { risk = { marac = true } },
        }
        """])
        // When
        let run = try scenarios.run(plugins: plugins.url.path)
        // Then
        #expect(run.results[0].outcome == .passed, "\(run.reportText)")
        #expect(run.results[1].isFailure)
        #expect(run.results[1].detail.first?.hasPrefix("the decision failed: ") == true)
    }
}
