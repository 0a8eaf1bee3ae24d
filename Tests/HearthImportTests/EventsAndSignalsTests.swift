import Foundation
import HearthCore
import HearthImport
import HearthStore
import Testing

@Suite("Events for existing cases and signals, from JSON Lines")
struct EventsAndSignalsTests {
    /// A store with cases T-R1 … T-R3 imported from CSV.
    func storeWithCases(_ folder: URL) throws -> String {
        let db = folder.appendingPathComponent("store.sqlite").path
        let input = write("ref,age\nR1,30\nR2,31\nR3,32\n", to: "cases.csv", in: folder)
        let summary = try runImport(script: caseScript(in: folder), inputs: [input], db: db)
        #expect(summary.imported == 3)
        return db
    }

    @Test("Given JSON Lines of notes and closures, then events land on their cases, a missing case rejects only its row")
    func eventsForExistingCases() throws {
        let folder = temporaryFolder()
        let db = try storeWithCases(folder)
        let script = write("""
            return {
              source = "case_notes",
              map = function(row, ctx)
                if row.kind == "close" then
                  return { external_id = row.id, case_id = row.case, events = {
                    { kind = "note_added", at = row.at, text = "closing: " .. row.text },
                    { kind = "case_closed", at = row.at, outcome = "support_complete", reason = "safety_plan_in_place" },
                  } }
                end
                return { external_id = row.id, case_id = row.case, events = { { kind = "note_added", at = row.at, text = row.text } } }
              end,
            }
            """, to: "notes.lua", in: folder)
        let input = write("""
            {"id": "N1", "case": "T-R1", "at": "2025-03-05T10:00:00Z", "text": "called back"}
            {"id": "N2", "case": "T-NOPE", "at": "2025-03-05T11:00:00Z", "text": "no such case"}

            {"id": "N3", "case": "T-R2", "at": "2025-03-06", "text": "visit", "kind": "close"}
            {"id": "N4", "case": "T-R3", "at": "yesterday", "text": "bad time"}
            not json at all
            """, to: "notes.jsonl", in: folder)
        let rejects = folder.appendingPathComponent("rejects.csv").path
        let summary = try runImport(script: script, inputs: [input], db: db, rejects: rejects)
        #expect(summary.rowsRead == 5)
        #expect(summary.imported == 2)
        #expect(summary.rejected == 3)
        #expect(summary.eventsWritten == 3)
        let store = try SQLiteCaseStore.open(db)
        #expect(try store.events(for: "T-R1").map(\.kind) == [.caseOpened, .noteAdded])
        #expect(try store.state(for: "T-R2").status == .closed)
        #expect(try store.verify().failure == nil)
        let rows = try csvRecords(rejects).rows
        #expect(rows.map { $0[0] } .sorted() == ["2", "5", "6"])
        let byRow = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[2]) })
        #expect(byRow["2"]?.hasPrefix("case_id: ") == true)
        #expect(byRow["2"]?.contains("T-NOPE") == true)
        #expect(byRow["5"]?.hasPrefix("events[1].at:") == true)
        #expect(byRow["6"]?.hasPrefix("line: is not valid JSON") == true)

        let again = try runImport(script: script, inputs: [input], db: db)
        #expect(again.imported == 0)
        #expect(again.alreadyImported == 2)
    }

    @Test("Given a signal with a bad kind and one without a property, then both are rejected by field")
    func badSignals() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let script = write("""
            return { map = function(row, ctx)
              return { external_id = row.id, signal = { property = row.property, kind = row.kind, details = { note = row.note } } }
            end }
            """, to: "signals.lua", in: folder)
        let input = write("id,property,kind,note\nS1,P1,door_damage,front door\nS2,P1,Door Damage,x\nS3,,lock_change,y\n", to: "s.csv", in: folder)
        let rejects = folder.appendingPathComponent("rejects.csv").path
        let summary = try runImport(script: script, inputs: [input], db: db, rejects: rejects)
        #expect(summary.imported == 1)
        #expect(summary.rejected == 2)
        let store = try SQLiteCaseStore.open(db)
        #expect(try store.propertySignals(for: "P1").map(\.signal) == ["door_damage"])
        let rows = try csvRecords(rejects).rows
        #expect(rows[0][2].hasPrefix("signal.kind: 'Door Damage' must be lower-case"))
        #expect(rows[1][2].hasPrefix("signal.property: is required"))
    }

    @Test("Given a script without an external id, then every row is rejected saying how to give one")
    func missingExternalID() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let script = write("return { map = function(row) return { signal = { property = row.p, kind = 'abandoned' } } end }", to: "x.lua", in: folder)
        let input = write("p\nP1\n", to: "x.csv", in: folder)
        let summary = try runImport(script: script, inputs: [input], db: db)
        #expect(summary.rejected == 1)
        #expect(summary.firstProblems.first?.problems.first?.field == "external_id")
    }
}

@Suite("What map may return")
struct MapResultTests {
    @Test("Given rows skipped by ctx.skip, by nil and a reason, and a result holding a function, then counts and reasons follow")
    func skipsAndFunctions() throws {
        let folder = temporaryFolder()
        let db = folder.appendingPathComponent("store.sqlite").path
        let script = write("""
            return { map = function(row, ctx)
              if row.p == "P1" then return ctx.skip("not ours") end
              if row.p == "P2" then return nil, "empty" end
              if row.p == "P3" then return { external_id = "x", signal = { property = "P3", kind = "abandoned" }, oops = print } end
              return { external_id = row.p, signal = { property = row.p, kind = "abandoned" } }
            end }
            """, to: "x.lua", in: folder)
        let input = write("p\nP1\nP2\nP3\nP4\n", to: "x.csv", in: folder)
        let summary = try runImport(script: script, inputs: [input], db: db)
        #expect(summary.skipped == 2)
        #expect(summary.rejected == 1)
        #expect(summary.imported == 1)
        #expect(summary.firstProblems.first?.problems.first?.field == "oops")
        #expect(try SQLiteCaseStore.open(db).verify().failure == nil)
    }

    @Test("Given results with keys that are not UTF-8, empty tables, mixed and sparse tables and whole floats, when mapped, then the arena holds them as JSON would")
    func resultShapes() throws {
        // Given a script returning every awkward shape at once
        let folder = temporaryFolder()
        let script = write("""
            return { map = function(row, ctx)
              return {
                ["caf\\233"] = 1,
                behaviours = {},
                notes = {},
                mixed = { "a", "b", x = 1, [5] = "e" },
                sparse = { [1] = "a", [3] = "c" },
                whole = 2.0,
                half = 0.5,
                deep = { list = { { n = 1 }, {} } },
                backwards = (function() local t = {} t[3] = "c" t[2] = "b" t[1] = "a" return t end)(),
                lists = { { 1, 2 }, { "x" }, { { true } } },
              }
            end }
            """, to: "shapes.lua", in: folder)
        // When it maps a row
        let (mapped, arena) = try Self.mapOneRow(script)
        // Then the document is what the JSON reading of that table is
        let root = try #require(mapped.root)
        #expect(mapped.problems.isEmpty)
        let mixed: JSONObject = ["1": .string("a"), "2": .string("b"), "x": .int(1), "5": .string("e")]
        let deep: JSONValue = .object(["list": .array([.object(["n": .int(1)]), .object([:])])])
        let expected: JSONObject = [
            "caf\u{FFFD}": .int(1), "behaviours": .array([]), "notes": .object([:]), "mixed": .object(mixed),
            "sparse": .object(["1": .string("a"), "3": .string("c")]), "whole": .int(2), "half": .double(0.5),
            "deep": deep, "backwards": .array([.string("a"), .string("b"), .string("c")]),
            "lists": .array([.array([.int(1), .int(2)]), .array([.string("x")]), .array([.array([.bool(true)])])]),
        ]
        #expect(arena.value(root) == .object(expected))
    }

    @Test("Given a result whose list holds a function, when mapped, then the row has a problem at that item and the arena no partial list")
    func listItemThatIsNotData() throws {
        // Given a script whose result's second behaviour is a function
        let folder = temporaryFolder()
        let script = write("""
            return { map = function(row, ctx)
              return { id = "A", behaviours = { "physical", print, "economic" } }
            end }
            """, to: "function.lua", in: folder)
        // When it maps a row
        let (mapped, arena) = try Self.mapOneRow(script)
        let mark = arena.beginContainer()
        // Then there is no document, one problem names the item, and nothing is left half built
        #expect(mapped.root == nil)
        #expect(mapped.problems.map(\.field) == ["behaviours[2]"])
        #expect(mapped.problems.first?.message.contains("function") == true)
        #expect(mark == 0)
    }

    /// Maps one empty JSON Lines row through `script` into a new arena.
    static func mapOneRow(_ script: String) throws -> (ImportScript.Mapped, FlatJSON) {
        let importScript = try ImportScript(path: script, printHandler: { _ in })
        defer { importScript.close() }
        try importScript.prepareDriver(header: nil, file: "x.jsonl")
        var arena = FlatJSON()
        let mapped = try importScript.map(row: 1, object: .table([:]), into: &arena)
        return (mapped, arena)
    }
}
