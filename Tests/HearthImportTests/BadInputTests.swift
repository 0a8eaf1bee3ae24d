import Foundation
import HearthImport
import HearthStore
import Testing

@Suite("Bad input: rows are rejected with reasons, the import goes on, the store stays consistent")
struct BadInputTests {
    /// Imports `csv` with `script` and checks the counts add up and the audit trail verifies.
    func importChecked(_ csv: String, extra: String = "", limits: LuaLimitsChoice = .standard)
        throws -> (ImportSummary, SQLiteCaseStore, rejects: (header: [String], rows: [[String]]))
    {
        let folder = temporaryFolder()
        let input = write(csv, to: "input.csv", in: folder)
        let rejects = folder.appendingPathComponent("rejects.csv").path
        let db = folder.appendingPathComponent("store.sqlite").path
        let summary = try runImport(script: caseScript(in: folder, extra: extra), inputs: [input], db: db,
                                    rejects: rejects, batch: 100, limits: limits)
        let store = try SQLiteCaseStore.open(db)
        #expect(summary.imported + summary.skipped + summary.rejected + summary.alreadyImported == summary.rowsRead)
        #expect(try store.listCases().count == summary.imported)
        #expect(try store.verify().failure == nil)
        let rejected = FileManager.default.fileExists(atPath: rejects) && summary.rejected > 0
            ? try csvRecords(rejects) : (header: [], rows: [])
        return (summary, store, rejected)
    }

    @Test("Given ragged rows, then each is rejected naming its field count and the rest are imported")
    func raggedRows() throws {
        let (summary, _, rejects) = try importChecked("ref,age\nR1,30\nR2,31,extra\nR3\nR4,33\n")
        #expect(summary.imported == 2)
        #expect(summary.rejected == 2)
        #expect(rejects.header == ["row", "external_id", "problems", "ref", "age"])
        #expect(rejects.rows[0][0] == "3")
        #expect(rejects.rows[0][2] == "row: has 3 fields, the header has 2")
        #expect(rejects.rows[1][2] == "row: has 1 field, the header has 2")
    }

    @Test("Given a truncated file ending inside quotes, then the last row is rejected as truncated")
    func truncated() throws {
        let (summary, _, rejects) = try importChecked("ref,age\nR1,30\nR2,\"3")
        #expect(summary.imported == 1)
        #expect(summary.rejected == 1)
        #expect(rejects.rows[0][2].contains("truncated"))
    }

    @Test("Given quoted fields with commas, quotes, newlines and a BOM, then they arrive intact")
    func quoting() throws {
        let csv = "\u{FEFF}ref,age\r\n\"R,1\",30\r\n\"R\"\"2\",\"3\n1\"\r\nR3,32\r\n"
        let (summary, store, rejects) = try importChecked(csv)
        #expect(summary.imported == 2)
        #expect(summary.rejected == 1)
        #expect(rejects.rows[0][3] == "R\"2")
        #expect(rejects.rows[0][4] == "3\n1")
        #expect(try store.state(for: "T-R,1").id == "T-R,1")
    }

    @Test("Given bytes that are not UTF-8, then the row is rejected naming the column and the encoding")
    func wrongEncoding() throws {
        let folder = temporaryFolder()
        var bytes = Array("ref,age\nR1,30\nR".utf8)
        bytes.append(0xE9) // "é" in Latin-1
        bytes.append(contentsOf: Array("2,31\nR3,32\n".utf8))
        let input = folder.appendingPathComponent("latin1.csv").path
        FileManager.default.createFile(atPath: input, contents: Data(bytes))
        let db = folder.appendingPathComponent("store.sqlite").path
        let rejects = folder.appendingPathComponent("rejects.csv").path
        let summary = try runImport(script: caseScript(in: folder), inputs: [input], db: db, rejects: rejects)
        #expect(summary.imported == 2)
        #expect(summary.rejected == 1)
        #expect(try csvRecords(rejects).rows[0][2].hasPrefix("ref: is not valid UTF-8"))
        #expect(try SQLiteCaseStore.open(db).verify().failure == nil)
    }

    @Test("Given a header without a column the script needs, then the import stops before any row, naming it")
    func missingColumn() throws {
        let folder = temporaryFolder()
        let input = write("ref,years\nR1,30\n", to: "input.csv", in: folder)
        let db = folder.appendingPathComponent("store.sqlite").path
        #expect(throws: ImportError.missingColumns(path: input, script: caseScript(in: folder), columns: ["age"])) {
            try runImport(script: caseScript(in: folder), inputs: [input], db: db)
        }
        #expect(try SQLiteCaseStore.open(db).chainTip() == nil)
    }

    @Test("Given a script that errors on row 400, then that row is rejected with the script's line and the rest go in")
    func scriptErrorsOnOneRow() throws {
        let (summary, _, rejects) = try importChecked(
            "ref,age\n" + simpleRows(1_000) + "\n", extra: "if ctx.row == 401 then error('no such code') end")
        #expect(summary.imported == 999)
        #expect(summary.rejected == 1)
        #expect(rejects.rows[0][0] == "401")
        #expect(rejects.rows[0][2].contains("cases.lua:6: no such code"))
    }

    @Test("Given a script that errors on data row 40,000 of 40,500, then only that row is rejected, with the script's line, and the batches around it are whole")
    func scriptErrorsOnRow40000() throws {
        // Given: the header is row 1, so data row 40,000 is row 40,001 of the file
        let (summary, store, rejects) = try importChecked(
            "ref,age\n" + simpleRows(40_500) + "\n", extra: "if ctx.row == 40001 then error('no such code') end")
        // Then
        #expect(summary.rowsRead == 40_500)
        #expect(summary.imported == 40_499)
        #expect(rejects.rows.map { [$0[0], $0[3]] } == [["40001", "R40000"]])
        #expect(rejects.rows[0][2].contains("cases.lua:6: no such code"))
        #expect(try store.listCases().count == 40_499)
    }

    @Test("Given results that are not data (nested past the limit, a boolean key), then those rows are rejected naming where, and the rest go in")
    func resultsThatAreNotData() throws {
        // Given: row R3 returns tables nested 80 deep, row R5 a table with a boolean key.
        let extra = """
            if row.ref == 'R3' then ctx.external_id(row.ref); local t = {}; local c = t; for i = 1, 80 do c.x = {}; c = c.x end; return t end
            if row.ref == 'R5' then ctx.external_id(row.ref); return { [true] = 1 } end
            """
        // When
        let (summary, store, rejects) = try importChecked("ref,age\n" + simpleRows(6) + "\n", extra: extra)
        // Then
        #expect(summary.imported == 4)
        #expect(summary.rejected == 2)
        let byRow = Dictionary(uniqueKeysWithValues: rejects.rows.map { ($0[0], $0) })
        #expect(byRow["4"]?[1] == "R3")
        #expect(byRow["4"]?[2].hasPrefix("x.x.x.x") == true && byRow["4"]?[2].contains("tables nest more than 64 deep") == true)
        #expect(byRow["6"]?[2] == "result: a table key of type boolean cannot be passed to the host (use strings or integers)")
        #expect(byRow["6"]?[3] == "R5", "the original columns follow")
        #expect(try store.verify().failure == nil)
    }

    @Test("Given a script that loops on one row, then the instruction limit rejects that row and the rest go in")
    func scriptLoops() throws {
        let (summary, _, rejects) = try importChecked(
            "ref,age\n" + simpleRows(300) + "\n", extra: "if row.ref == 'R7' then while true do end end", limits: .small)
        #expect(summary.imported == 299)
        #expect(rejects.rows.count == 1)
        #expect(rejects.rows[0][2].contains("instruction"))
    }

    @Test("Given a script that eats memory on one row, then the memory limit rejects that row and the rest go in")
    func scriptEatsMemory() throws {
        let (summary, _, rejects) = try importChecked(
            "ref,age\n" + simpleRows(300) + "\n",
            extra: "if row.ref == 'R9' then local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(100) .. i end end",
            limits: .small)
        #expect(summary.imported == 299)
        #expect(rejects.rows.count == 1)
        #expect(rejects.rows[0][2].contains("memory") || rejects.rows[0][2].contains("instruction"))
    }

    @Test("Given a script that hoards memory in a module-level table on one row, then that row is rejected for memory and the rest go in")
    func memoryHoardedAcrossRows() throws {
        // Given a script whose setup readies it, and which on row R9 fills a module-level table until the memory limit
        let folder = temporaryFolder()
        let script = caseScript(
            in: folder,
            extra: """
                if not ready then error("setup did not run") end
                if row.ref == 'R9' then for i = 1, 1e8 do hoard[i] = ('x'):rep(1000) .. i end end
                """,
            prelude: "local ready, hoard = false, {}",
            fields: "setup = function(ctx) ready = true end,")
        let input = write("ref,age\n" + simpleRows(300) + "\n", to: "input.csv", in: folder)
        let db = folder.appendingPathComponent("store.sqlite").path
        let rejects = folder.appendingPathComponent("rejects.csv").path
        // When it is imported under small limits
        let summary = try runImport(script: script, inputs: [input], db: db, rejects: rejects)
        // Then only R9 is rejected, for memory, and every other row goes in
        let rows = try csvRecords(rejects).rows
        #expect(rows.count == 1, "\(rows.map { $0.prefix(3) })")
        #expect(rows.first?[1] == "R9" || rows.first?[0] == "10")
        #expect(rows.first?[2].contains("memory") == true, "\(rows.first ?? [])")
        #expect(summary.imported == 299)
        #expect(try SQLiteCaseStore.open(db).verify().failure == nil)
    }

    @Test("Given rows the script rejects field by field, then every problem is listed with its field")
    func everyProblem() throws {
        let (summary, _, rejects) = try importChecked(
            "ref,age\nR1,old\nR2,200\n", extra: "if row.ref == 'R1' then ctx.reject('ref', 'is not a CRM reference') end")
        #expect(summary.rejected == 2)
        #expect(rejects.rows[0][2] == "ref: is not a CRM reference; age: 'old' is not a whole number")
        #expect(rejects.rows[1][1] == "R2")
        #expect(rejects.rows[1][2].hasPrefix("victim.age:"))
    }

    @Test("Given the same case twice under different external ids, then the store refuses the second and the batch goes in")
    func storeRefusal() throws {
        let (summary, _, rejects) = try importChecked(
            "ref,age\nR1,30\nR2,31\nR3,32\n", extra: "if row.ref == 'R3' then row = { ref = 'R1', age = row.age } end")
        // R3 maps to case T-R1 under external id R1, which is already imported in the same batch: skipped as a repeat.
        #expect(summary.imported == 2)
        #expect(summary.alreadyImported == 1)
        #expect(rejects.rows.isEmpty)
    }
}
