import Foundation
import HearthImport
import LuaBridge
import Testing

@Suite("The hearth helpers for import scripts")
struct HelperTests {
    @Test("UK dates in common forms become YYYY-MM-DD; impossible dates are refused")
    func dates() {
        #expect(ImportHelpers.date("31/01/2024").0 == "2024-01-31")
        #expect(ImportHelpers.date("1.2.24").0 == "2024-02-01")
        #expect(ImportHelpers.date("3 Mar 1999").0 == "1999-03-03")
        #expect(ImportHelpers.date("2024-05-06").0 == "2024-05-06")
        #expect(ImportHelpers.date("31/02/2024").0 == nil)
        #expect(ImportHelpers.date("31/02/2024").1 == "'31/02/2024' is not a real date")
    }

    @Test("UK local times carry their offset: GMT in winter, BST in summer")
    func datetimes() {
        #expect(ImportHelpers.datetime("15/01/2024 09:30").0 == "2024-01-15T09:30:00+00:00")
        #expect(ImportHelpers.datetime("15/07/2024 09:30").0 == "2024-07-15T09:30:00+01:00")
        #expect(ImportHelpers.datetime("15/07/2024 9:30:15").0 == "2024-07-15T09:30:15+01:00")
        #expect(ImportHelpers.datetime("15/07/2024 25:00").0 == nil)
    }

    @Test("Given UK local times, when a script calls hearth.datetime, then it answers as ImportHelpers.datetime does, clock changes included")
    func datetimeFromLua() throws {
        // Given inputs in the fast form (DD/MM/YYYY HH:MM) and others: the clock changes of 2024 (01:30 on 31 March
        // does not exist in the UK, 01:30 on 27 October happens twice), impossible dates and times, other layouts,
        // and a number
        let inputs: [LuaValue] = [
            "15/01/2024 09:30", "15/07/2024 09:30", "31/03/2024 01:30", "31/03/2024 02:30", "27/10/2024 01:30",
            "27/10/2024 00:59", "29/02/2024 23:59", "29/02/2023 10:00", "15/07/2024 24:00", "15/07/2024 09:60",
            "15-07-2024 09:30", "15/07/2024 9:30:15", "1/7/2024 09:30", "15/07/2024 09:30 ", "a5/07/2024 09:30", "",
            .integer(20240715),
        ]
        let list = inputs.map { value -> String in
            if case .string(let s) = value { return "\"" + s + "\"" }
            if case .integer(let n) = value { return String(n) }
            return "nil"
        }.joined(separator: ", ")
        // When the script runs them all through hearth.datetime
        let results = try datetimesFromLua(list)
        // Then each answer (value or problem) is the Swift helper's for the same text
        #expect(results.count == inputs.count)
        for (input, result) in zip(inputs, results) {
            let text: String = switch input {
            case .string(let s): s
            case .integer(let n): String(n)
            default: ""
            }
            let (value, problem) = ImportHelpers.datetime(text)
            let pair = result.arrayValue ?? []
            #expect(pair.first?.stringValue == value, "value for '\(text)'")
            #expect(pair.last?.stringValue == problem, "problem for '\(text)'")
        }
        #expect(results[0].arrayValue?.first?.stringValue == "2024-01-15T09:30:00+00:00")
        #expect(results[1].arrayValue?.first?.stringValue == "2024-07-15T09:30:00+01:00")
        #expect(results[3].arrayValue?.first?.stringValue == "2024-03-31T02:30:00+01:00")
    }

    /// What `hearth.datetime` answers, in a script, for each of the Lua values in `list`: `{ value or false,
    /// problem or false }` each.
    private func datetimesFromLua(_ list: String) throws -> [LuaValue] {
        let script = write("""
            local inputs = { \(list) }
            return {
              map = function() end,
              finish = function()
                local out = {}
                for i = 1, #inputs do
                  local value, problem = hearth.datetime(inputs[i])
                  out[i] = { value or false, problem or false }
                end
                return out
              end,
            }
            """, to: "datetimes.lua", in: temporaryFolder())
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        return try #require(try importScript.runFinish().arrayValue)
    }

    @Test("Given every quarter hour around the clock changes of 1971, 1972, 1996, 2024 and 2037, and noon on every day of 1999 and 2000, when hearth.datetime reads them, then each answer is the Swift helper's")
    func datetimeSweep() throws {
        // Given DD/MM/YYYY HH:MM texts: the days either side of each change (British Standard Time ending in 1971,
        // the first changes of the rule in force since 1996, this year's, one far ahead), every day of a leap year
        // and the year before it, and dates that do not exist
        var texts: [String] = []
        let changeDays = [(1971, 10, 30), (1971, 10, 31), (1972, 3, 18), (1972, 3, 19), (1996, 3, 31), (1996, 10, 27),
                          (2024, 3, 30), (2024, 3, 31), (2024, 10, 26), (2024, 10, 27), (2037, 3, 29), (2037, 10, 25)]
        for (year, month, day) in changeDays {
            for quarter in 0..<96 {
                texts.append(String(format: "%02d/%02d/%04d %02d:%02d", day, month, year, quarter / 4, quarter % 4 * 15))
            }
        }
        for year in [1999, 2000] {
            for month in 1...12 {
                for day in 1...31 { texts.append(String(format: "%02d/%02d/%04d 12:00", day, month, year)) }
            }
        }
        texts += ["29/02/2100 10:00", "29/02/1900 10:00", "01/01/0999 10:00", "31/12/9999 23:59", "00/01/2024 10:00",
                  "15/13/2024 10:00", "15/00/2024 10:00"]
        // When the script reads them all
        let results = try datetimesFromLua(texts.map { "\"\($0)\"" }.joined(separator: ", "))
        // Then every value and every problem is the Swift helper's
        #expect(results.count == texts.count)
        var differences: [String] = []
        for (text, result) in zip(texts, results) {
            let (value, problem) = ImportHelpers.datetime(text)
            let pair = result.arrayValue ?? []
            if pair.first?.stringValue != value || pair.last?.stringValue != problem {
                differences.append("\(text): \(pair) against \(String(describing: value)), \(String(describing: problem))")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        #expect(results[texts.firstIndex(of: "31/10/1971 12:00")!].arrayValue?.first?.stringValue == "1971-10-31T12:00:00+00:00")
        #expect(results[texts.firstIndex(of: "30/10/1971 12:00")!].arrayValue?.first?.stringValue == "1971-10-30T12:00:00+01:00")
    }

    @Test("Given yes/no answers and DASH counts of every kind, when a script calls the helpers, then each answer is the Swift helper's")
    func answersFromLua() throws {
        // Given texts the C fast paths answer and texts they hand to Swift
        let answers = ["Y", "y", "Yes", "yes", "YES", "N", "n", "No", "no", "NO", "", " no ", "true", "x", "unknown",
                       "perhaps", "YeS", "nO"]
        let counts = ["0", "7", "15", "19", "20", "24", "25", "30", "07", "7.0", " 7", "15/24", "-1", "", "x", "100"]
        let folder = temporaryFolder()
        func list(_ texts: [String]) -> String { texts.map { "\"\($0)\"" }.joined(separator: ", ") }
        let script = write("""
            local answers, counts = { \(list(answers)) }, { \(list(counts)) }
            return {
              map = function() end,
              finish = function()
                local out = { yes = {}, dash = {} }
                for i = 1, #answers do
                  local v, p = hearth.yesno(answers[i])
                  out.yes[i] = { v == nil and "nil" or tostring(v), p or false }
                end
                for i = 1, #counts do
                  local v, p = hearth.dash_count(counts[i])
                  out.dash[i] = { v == nil and "nil" or tostring(v), p or false }
                end
                out.none = { hearth.yesno(nil) == nil, hearth.dash_count(nil) == nil, hearth.yesno(1) }
                return out
              end,
            }
            """, to: "answers.lua", in: folder)
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        // When
        let out = try #require(try importScript.runFinish().tableValue)
        let yes = try #require(out["yes"]?.arrayValue)
        let dash = try #require(out["dash"]?.arrayValue)
        // Then
        for (text, got) in zip(answers, yes) {
            let (value, problem) = ImportHelpers.yesno(text)
            #expect(got.arrayValue?.first?.stringValue == value.map { String($0) } ?? "nil", "yesno '\(text)'")
            #expect(got.arrayValue?.last?.stringValue == problem, "yesno '\(text)' problem")
        }
        for (text, got) in zip(counts, dash) {
            let (value, problem) = ImportHelpers.dashCount(text)
            #expect(got.arrayValue?.first?.stringValue == value.map { String($0) } ?? "nil", "dash_count '\(text)'")
            #expect(got.arrayValue?.last?.stringValue == problem, "dash_count '\(text)' problem")
        }
        #expect(out["none"]?.arrayValue == [.boolean(true), .boolean(true), .boolean(true)])
    }

    /// Runs `call` in a script's `finish` and expects it to stop the script with `words`, at the call's line.
    private func expectStops(_ call: String, saying words: String, in folder: URL) throws {
        let bad = write("return { map = function() end, finish = function() return \(call) end }", to: "bad.lua", in: folder)
        let badScript = try ImportScript(path: bad, printHandler: { _ in })
        defer { badScript.close() }
        let error = #expect(throws: ImportError.self) { try badScript.runFinish() }
        #expect(error?.description.contains(words) == true, "\(call): \(String(describing: error))")
        #expect(error?.description.contains("bad.lua:1:") == true, "\(call): \(String(describing: error))")
    }

    @Test("Given code lists, when translated with hearth.codes, then the values come in order with the unknown codes apart, as split and a look-up give them; bad arguments are errors at the caller's line")
    func codes() throws {
        // Given the legacy CRM's behaviour codes and cells as an export holds them
        let folder = temporaryFolder()
        let cells = ["PHY|CC", " PHY | CC |", "PHY|XX| CC", "XX|YY", "||", "", "CC|CC", "ECO", "phy|CC", "é|PHY"]
        let list = cells.map { "\"\($0)\"" }.joined(separator: ", ")
        let script = write("""
            local codes = { PHY = "physical", CC = "coercive_control", ECO = "economic" }
            -- What hearth.codes must answer: hearth.split, then a look-up of each piece.
            local function reference(text)
              local values, unknown = {}, {}
              for _, piece in ipairs(hearth.split(text, "|")) do
                if codes[piece] ~= nil then values[#values + 1] = codes[piece] else unknown[#unknown + 1] = piece end
              end
              return values, #unknown > 0 and unknown or nil
            end
            return {
              map = function() end,
              finish = function()
                local out = {}
                for i, text in ipairs({ \(list) }) do
                  local values, unknown = hearth.codes(text, "|", codes)
                  local want_values, want_unknown = reference(text)
                  out[i] = { values = values, unknown = unknown or false, want_values = want_values,
                             want_unknown = want_unknown or false, results = select("#", hearth.codes(text, "|", codes)) }
                end
                local none = { hearth.codes(nil, "|", codes) }
                out[#out + 1] = { values = none[1], unknown = none[2] or false, want_values = {}, want_unknown = false, results = #none }
                return out
              end,
            }
            """, to: "codes.lua", in: folder)
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        // When each cell is translated
        let out = try #require(try importScript.runFinish().arrayValue)
        // Then hearth.codes gives what split and a look-up give, and a second result only when a code is unknown
        #expect(out.count == cells.count + 1)
        for (i, result) in out.enumerated() {
            let cell = i < cells.count ? cells[i] : "nil"
            let values = (result["values"].arrayValue ?? []).compactMap(\.stringValue)
            #expect(values == (result["want_values"].arrayValue ?? []).compactMap(\.stringValue), "values of '\(cell)'")
            #expect(result["unknown"] == result["want_unknown"], "unknown codes of '\(cell)'")
            let expectedResults: Int64 = result["want_unknown"] == .boolean(false) ? 1 : 2
            #expect(result["results"] == .integer(expectedResults), "how many results for '\(cell)'")
        }
        #expect((out[2]["values"].arrayValue ?? []).compactMap(\.stringValue) == ["physical", "coercive_control"])
        #expect((out[2]["unknown"].arrayValue ?? []).compactMap(\.stringValue) == ["XX"])
        #expect((out[3]["unknown"].arrayValue ?? []).compactMap(\.stringValue) == ["XX", "YY"])
        #expect((out[6]["values"].arrayValue ?? []).compactMap(\.stringValue) == ["coercive_control", "coercive_control"])
        // And a missing table of codes, an empty separator or text that is not text stop the script with Lua's message
        for (call, words) in [("hearth.codes('a|b', '|')", "table expected, got no value"),
                              ("hearth.codes('a|b', '|', 'codes')", "table expected, got string"),
                              ("hearth.codes('a|b', '', {})", "a separator such as"),
                              ("hearth.codes({}, '|', {})", "string expected, got table")] {
            try expectStops(call, saying: words, in: folder)
        }
    }

    @Test("Given a ctx and a column name after a helper's text, when the text has a problem, then the helper rejects it under that column and answers as without them")
    func helpersReportToCtx() throws {
        // Given a fake ctx that records what it is told, and for each helper a bad value and a good one
        let folder = temporaryFolder()
        // (yes/no answers and DASH counts may be blank; a blank date, time, postcode or phone is a problem)
        let calls: [(call: String, good: String, bad: String, problem: String, blankIsAProblem: Bool)] = [
            ("hearth.yesno", "'Yes'", "'maybe'", "'maybe' is not a yes/no answer", false),
            ("hearth.dash_count", "'15/24'", "'30'", "30 is not a DASH count", false),
            ("hearth.datetime", "'31/01/2024 14:30'", "'31/02/2024 14:30'", "is not a real date", true),
            ("hearth.date", "'31/01/2024'", "'31/02/2024'", "is not a real date", true),
            ("hearth.postcode", "'so509yn'", "'nowhere'", "'nowhere' is not a UK postcode", true),
            ("hearth.phone", "'07700 900123'", "'12'", "is not a UK phone number", true),
        ]
        var lines: [String] = []
        for (i, c) in calls.enumerated() {
            lines.append("""
                do
                  local ctx = recorder()
                  local bad = { \(c.call)(\(c.bad), ctx, "col\(i)") }
                  local plain = { \(c.call)(\(c.bad)) }
                  local good = { \(c.call)(\(c.good), ctx, "col\(i)") }
                  local told = { table.unpack(ctx.told) }
                  local blank = { \(c.call)("", ctx, "col\(i)") }
                  out[#out + 1] = { told = told, bad = bad[2] or false, plain = plain[2] or false, good = good[1] ~= nil,
                                    good_problem = good[2] or false, blank_problem = blank[2] or false,
                                    blank_told = ctx.told[#told + 1] or false }
                end
                """)
        }
        let script = write("""
            local function recorder()
              local ctx = { told = {} }
              ctx.reject = function(field, problem) ctx.told[#ctx.told + 1] = field .. ": " .. problem end
              return ctx
            end
            return {
              map = function() end,
              finish = function()
                local out = {}
            \(lines.joined(separator: "\n"))
                local ctx = recorder()
                local values, unknown = hearth.codes("PHY|XX|CC|YY", "|", { PHY = "physical", CC = "coercive_control" }, ctx, "codes")
                out[#out + 1] = { told = ctx.told, values = values, unknown = unknown }
                return out
              end,
            }
            """, to: "report.lua", in: folder)
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        // When each is called with the bad value, without ctx, with the good value and blank
        let out = try #require(try importScript.runFinish().arrayValue)
        // Then the bad value is reported once under the column with the helper's own problem, which it also returns;
        // without ctx the answer is the same; a good or blank value reports nothing
        #expect(out.count == calls.count + 1)
        for (i, c) in calls.enumerated() {
            let told = (out[i]["told"].arrayValue ?? []).compactMap(\.stringValue)
            let returned = out[i]["bad"].stringValue ?? ""
            #expect(told == ["col\(i): \(returned)"], "\(c.call): \(told)")
            #expect(returned.contains(c.problem), "\(c.call): \(returned)")
            #expect(out[i]["plain"] == out[i]["bad"], "\(c.call)")
            #expect(out[i]["good"] == .boolean(true) && out[i]["good_problem"] == .boolean(false), "\(c.call)")
            // A blank text is reported only when it is a problem, as it comes back
            if c.blankIsAProblem {
                let problem = out[i]["blank_problem"].stringValue ?? ""
                #expect(!problem.isEmpty && out[i]["blank_told"].stringValue == "col\(i): \(problem)", "\(c.call)")
            } else {
                #expect(out[i]["blank_problem"] == .boolean(false) && out[i]["blank_told"] == .boolean(false), "\(c.call)")
            }
        }
        // And hearth.codes reports each unknown code in order, still returning the values and the unknown codes
        let codes = out[calls.count]
        #expect((codes["told"].arrayValue ?? []).compactMap(\.stringValue) == ["codes: unknown code 'XX'", "codes: unknown code 'YY'"])
        #expect((codes["values"].arrayValue ?? []).compactMap(\.stringValue) == ["physical", "coercive_control"])
        #expect((codes["unknown"].arrayValue ?? []).compactMap(\.stringValue) == ["XX", "YY"])
        // And a ctx that is not a table, or a ctx without a column name, stops the script at the caller's line
        for (call, words) in [("hearth.yesno('Y', 'ctx', 'col')", "bad argument #2 to 'yesno' (table expected, got string)"),
                              ("hearth.yesno('Y', {})", "bad argument #3 to 'yesno' (string expected, got no value)"),
                              ("hearth.dash_count('3', {}, {})", "bad argument #3 to 'dash_count' (string expected, got table)"),
                              ("hearth.datetime('x', 1, 'col')", "bad argument #2"),
                              ("hearth.codes('a', '|', {}, {}, nil)", "bad argument #5 to 'codes' (string expected, got nil)"),
                              ("hearth.postcode('SO50 9YN', 'ctx', 'col')", "bad argument #2 to 'postcode' (table expected, got string)"),
                              ("hearth.date('31/01/2024', {})", "bad argument #3 to 'date' (string expected, got no value)"),
                              ("hearth.phone('07700 900123', true, 'col')", "bad argument #2 to 'phone' (table expected, got boolean)")] {
            try expectStops(call, saying: words, in: folder)
        }
    }

    @Test("Given code lists, when split, then the pieces are trimmed and empty ones left out; a bad separator is an error at the caller's line")
    func split() throws {
        let folder = temporaryFolder()
        let script = write("""
            return {
              map = function() end,
              finish = function()
                return {
                  hearth.split("PHY|CC", "|"), hearth.split(" PHY | CC |", "|"), hearth.split("||", "|"),
                  hearth.split("", "|"), hearth.split(nil, "|"), hearth.split("a, b,,c", ","),
                  hearth.split("a::b::::c", "::"), hearth.split("abc", "|"), hearth.split("a\tb", "\t"),
                  hearth.split(12321, "2"), hearth.split("é|ü", "|"),
                }
              end,
            }
            """, to: "split.lua", in: folder)
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        let out = try #require(try importScript.runFinish().arrayValue)
        let pieces = out.map { ($0.arrayValue ?? []).compactMap(\.stringValue) }
        #expect(pieces == [
            ["PHY", "CC"], ["PHY", "CC"], [], [], [], ["a", "b", "c"], ["a", "b", "c"], ["abc"], ["a", "b"], ["1", "3", "1"],
            ["é", "ü"],
        ])
        // And a separator that is empty, or not text, stops the script with Lua's usual message
        for (call, words) in [("hearth.split('a|b', '')", "a separator such as"), ("hearth.split('a|b', {})", "string expected, got table"),
                              ("hearth.split({}, '|')", "string expected, got table")] {
            try expectStops(call, saying: words, in: folder)
        }
    }

    @Test("Given the hearth table an import script sees, when its names are listed, then each function has a stub in types/import.lua")
    func everyHelperHasAStub() throws {
        // Given
        let folder = temporaryFolder()
        let script = write("""
            return { map = function() end, finish = function()
              local names = {}
              for name, value in pairs(hearth) do if type(value) == "function" then names[#names + 1] = name end end
              return names
            end }
            """, to: "names.lua", in: folder)
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        // When
        let names = try #require(try importScript.runFinish().arrayValue).compactMap(\.stringValue)
        let stubs = try String(contentsOfFile: repoPath("types/import.lua"), encoding: .utf8)
        // Then
        #expect(names.count >= 8)
        for name in names {
            #expect(stubs.contains("function hearth.\(name)("), "types/import.lua has no stub for hearth.\(name)")
        }
    }

    @Test("Postcodes, phones, yes/no and DASH counts")
    func others() {
        #expect(ImportHelpers.postcode("so509yn").0 == "SO50 9YN")
        #expect(ImportHelpers.postcode("EC1A 1BB").0 == "EC1A 1BB")
        #expect(ImportHelpers.postcode("12345").0 == nil)
        #expect(ImportHelpers.phone("07700 900123").0 == "+447700900123")
        #expect(ImportHelpers.phone("+44 (0)1234 567890").0 == nil || ImportHelpers.phone("+44 1234 567890").0 == "+441234567890")
        #expect(ImportHelpers.phone("12").0 == nil)
        #expect(ImportHelpers.yesno("Y").0 == true)
        #expect(ImportHelpers.yesno(" no ").0 == false)
        #expect(ImportHelpers.yesno("unknown") == (nil, nil))
        #expect(ImportHelpers.yesno("perhaps").1 != nil)
        #expect(ImportHelpers.dashCount("15/24").0 == 15)
        #expect(ImportHelpers.dashCount("25").1 == "25 is not a DASH count (it must be from 0 to 24)")
    }
}
