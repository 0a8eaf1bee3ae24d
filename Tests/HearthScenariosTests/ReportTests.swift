import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import HearthScenarios

@Suite("JUnit, coverage, summary and exit status")
struct ReportTests {
    static let mixed = [
        "eastleigh/mixed.lua": """
        scenario "passes" { case = cases.adult_victim(), expect = { risk = { marac = false } } }
        scenario "fails <badly> & \\"quotes\\"" { case = cases.adult_victim(), expect = { risk = { marac = true } } }
        scenario "errors" { case = cases.adult_victim(), expect = { rsk = {} } }
        scenario "skipped" { skip = "policy under review", case = cases.adult_victim(), expect = {} }
        """,
        "broken.lua": "scenario \"x\" {\n",
    ]

    @Test("Given passes, a failure, errors and a skip, when written as JUnit XML, then the XML parses with the right counts")
    func junit() throws {
        // Given
        let folder = try ScenarioFolder(Self.mixed)
        let run = try folder.run()
        // When
        let xml = JUnitReport.xml(run)
        let document = try XMLDocument(xmlString: xml)
        // Then
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "5")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "2")
        #expect(root.attribute(forName: "skipped")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 2)
        let cases = suites.flatMap { $0.elements(forName: "testcase") }
        #expect(cases.count == 5)
        let failed = try #require(cases.first { !$0.elements(forName: "failure").isEmpty })
        #expect(failed.attribute(forName: "name")?.stringValue == "fails <badly> & \"quotes\" [eastleigh]")
        #expect(failed.attribute(forName: "line")?.stringValue == "2")
        #expect(failed.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue == "risk.marac: expected true, got false")
        #expect(cases.filter { !$0.elements(forName: "error").isEmpty }.count == 2)
        #expect(cases.first { !$0.elements(forName: "skipped").isEmpty }?.elements(forName: "skipped").first?
            .attribute(forName: "message")?.stringValue == "policy under review")
    }

    @Test("Given errors and failures, when summarised, then errors count as failed and skips are added")
    func summary() throws {
        // Given
        let folder = try ScenarioFolder(Self.mixed)
        // When
        let run = try folder.run()
        // Then
        #expect(run.errors == 2 && run.failures == 1)
        #expect(run.summary == "1 passed, 3 failed, 1 skipped")
        let empty = ScenarioRun(results: [], files: [], coverage: [], seconds: 0)
        #expect(empty.summary == "0 passed, 0 failed")
    }

    @Test("Given one scenario for Eastleigh, when coverage is on, then items no plan held are listed with file:line")
    func coverage() throws {
        // Given: a standard-risk case without arson threats never reaches the fireproof letterbox.
        let folder = try ScenarioFolder(["eastleigh/one.lua": "scenario \"one\" { case = cases.adult_victim(), expect = {} }"])
        // When
        let run = try folder.run(coverage: true)
        // Then
        let report = try #require(run.coverage.first)
        #expect(report.plugin == "eastleigh")
        let letterbox = try #require(report.items.first { $0.label.hasSuffix("fireproof_letterbox") })
        #expect(!letterbox.reached)
        #expect(letterbox.location.hasPrefix("plugins/eastleigh/init.lua:"))
        #expect(report.reportLines.contains("  not reached: \(letterbox.location) \(letterbox.label)"))
        #expect(report.items.first { $0.label == "risk" }?.reached == true)
        #expect(report.summary.hasPrefix("eastleigh: data items "))
        #expect(report.coreRules.contains("safety.immediate_danger"))
    }

    @Test("Given a case outside Peterborough, when coverage is on, then the routing hook's unexecuted lines are listed")
    func hookCoverage() throws {
        // Given
        let folder = try ScenarioFolder(["cross_keys_homes/one.lua": "scenario \"one\" { case = cases.adult_victim { area = \"kent\" }, expect = {} }"])
        // When
        let run = try folder.run(coverage: true)
        // Then: the hook returns early, so the Peterborough lines are listed as not run.
        let report = try #require(run.coverage.first)
        let lines = report.hookLines
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hook == "route_by_area" })
        #expect(lines.contains { $0.covered && $0.text.hasPrefix("if string.lower") })
        #expect(lines.contains { !$0.covered && $0.text.hasPrefix("local high") })
        #expect(report.summary.contains("hook lines \(lines.filter(\.covered).count)/\(lines.count)"))
    }

    @Test("Given a Lua function, when its executable lines are found, then blank lines, comments and lone ends are left out")
    func executableLines() {
        // Given
        let source = """
        return {
          hooks = {
            h = function(case, plan)
              -- a comment

              if case.x then
                return { notes = { "x" } }
              else
                return nil
              end
            end,
          },
        }
        """
        // When
        let lines = LuaLines.executableLines(ofFunctionAt: 3, in: source)
        // Then
        #expect(lines == [6, 7, 9])
    }

    @Test("Given the built command, when scenarios fail, nothing runs or usage is wrong, then the exit status says so",
          .enabled(if: FileManager.default.isExecutableFile(atPath: packageRoot.appendingPathComponent(".build/debug/hearth").path)))
    func exitStatus() throws {
        // Given
        let folder = try ScenarioFolder(Self.mixed)
        let good = try ScenarioFolder(["eastleigh/good.lua": "scenario \"good\" { case = cases.adult_victim(), expect = {} }"])
        // When
        let failing = try hearth(["test", folder.url.path])
        let passing = try hearth(["test", good.url.path, "--junit", good.path("report.xml")])
        let empty = try hearth(["test", good.url.path, "--filter", "nothing matches this", "--fail-on-empty"])
        let usage = try hearth(["test", "--no-such-option"])
        // Then
        #expect(failing.status == 1)
        #expect(failing.lines.suffix(2) == ["2 errors", "1 passed, 3 failed, 1 skipped"])
        #expect(passing.status == 0 && passing.lines.last == "1 passed, 0 failed")
        #expect(FileManager.default.fileExists(atPath: good.path("report.xml")))
        #expect(empty.status == 1 && empty.lines.last == "0 passed, 0 failed")
        #expect(usage.status == 2)
    }

    func hearth(_ arguments: [String]) throws -> (status: Int32, lines: [String]) {
        let process = Process()
        process.executableURL = packageRoot.appendingPathComponent(".build/debug/hearth")
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }
}
