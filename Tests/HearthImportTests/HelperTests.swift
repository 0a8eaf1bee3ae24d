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
        let folder = temporaryFolder()
        let list = inputs.map { value -> String in
            if case .string(let s) = value { return "\"" + s + "\"" }
            if case .integer(let n) = value { return String(n) }
            return "nil"
        }.joined(separator: ", ")
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
            """, to: "datetimes.lua", in: folder)
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        // When the script runs them all through hearth.datetime
        let results = try #require(try importScript.runFinish().arrayValue)
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
