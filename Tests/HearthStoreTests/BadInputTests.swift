import Foundation
import GRDB
import HearthStore
import Testing

@Suite("Bad input: a clear error, nothing written")
struct BadInputTests {
    typealias F = StoreFixtures

    @Test("Given no case 'C-123', when a note is added to it, then the error names the case and nothing is written")
    func unknownCase() throws {
        let store = try SQLiteCaseStore.inMemory()
        try F.caseWithNotes(store, "C-1", notes: 2)
        let before = try F.rowCounts(store)

        let error = #expect(throws: StoreError.self) {
            try store.append(NotePayload(text: "hello"), to: "C-123", at: F.day(1))
        }
        #expect(error == .caseNotFound("C-123"))
        #expect(error?.description == "case 'C-123' does not exist")
        #expect(try F.rowCounts(store) == before)
        #expect(throws: StoreError.caseNotFound("C-123")) { try store.state(for: "C-123") }
    }

    @Test("Given a closed case, when it is closed again, then the error says when and how it was closed and nothing is written")
    func closingTwice() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-123", at: F.day0, payload: F.opened("C-123"))
        try store.close("C-123", outcome: "support_complete", reason: "safety_plan_in_place", at: F.day0)
        let before = try F.rowCounts(store)

        let error = #expect(throws: StoreError.self) {
            try store.close("C-123", outcome: "no_contact", reason: "moved_away", at: F.day(5))
        }
        #expect(error?.description == "case 'C-123' is already closed (closed 2025-03-04 with outcome 'support_complete')")
        #expect(try F.rowCounts(store) == before)
        #expect(try store.state(for: "C-123").closedOutcome == "support_complete")
    }

    @Test("Given case 'C-1' exists, when it is opened again, then the error says so and nothing is written")
    func duplicateOpen() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        let before = try F.rowCounts(store)

        let error = #expect(throws: StoreError.self) {
            try store.openCase("C-1", at: F.day(1), payload: F.opened("C-1"))
        }
        #expect(error == .caseAlreadyExists(id: "C-1", openedAt: F.day0))
        #expect(error?.description == "case 'C-1' already exists (opened 2025-03-04); choose another id")
        #expect(try F.rowCounts(store) == before)
    }

    @Test("Given three events of which the third is for an unknown case, when appended together, then none is written")
    func allOrNothing() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        let before = try F.rowCounts(store)
        let events = [
            try NewEvent(caseID: "C-1", at: F.day(1), payload: NotePayload(text: "one")),
            try NewEvent(caseID: "C-2", at: F.day(1), payload: F.opened("C-2")),
            try NewEvent(caseID: "C-9", at: F.day(1), payload: NotePayload(text: "three")),
        ]

        let error = #expect(throws: StoreError.self) { try store.append(events) }
        #expect(error == .rejectedEvent(position: 2, externalID: nil, reason: .caseNotFound("C-9")))
        #expect(error?.description == "event 3 of the batch was refused, so nothing was written: case 'C-9' does not exist")
        #expect(try F.rowCounts(store) == before)
        #expect(try store.listCases().map(\.id) == ["C-1"])
    }

    @Test("Given information shared without consent, when no lawful basis is named, then it is refused naming the field")
    func sharingWithoutConsentNeedsALawfulBasis() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        let before = try F.rowCounts(store)

        let error = #expect(throws: StoreError.self) {
            try store.append(
                InformationSharedPayload(sharedBy: "ali", what: ["address"], recipient: "police", sharedAt: F.day0, consent: false, reason: "asked"),
                to: "C-1", at: F.day0)
        }
        #expect(error?.description.contains("field 'lawful_basis' is required when 'consent' is false") == true)
        #expect(try F.rowCounts(store) == before)
    }

    @Test("Given a closed case, when a DASH is recorded on it, then it must be reopened first; a note is still accepted")
    func closedCasesAcceptOnlyRecordsAfterTheFact() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        try store.close("C-1", outcome: "support_complete", reason: "safety_plan_in_place", at: F.day(1))

        #expect(throws: StoreError.caseClosed(id: "C-1", kind: .dashCompleted)) {
            try store.append(DashCompletedPayload(answers: [:]), to: "C-1", at: F.day(2))
        }
        try store.append(NotePayload(text: "called back"), to: "C-1", at: F.day(2))
        try store.recordConsent(ConsentPayload(partner: "idva", decision: .withdrawn, by: "ali"), for: "C-1", at: F.day(2))
        #expect(throws: StoreError.caseNotClosed("C-2")) {
            try store.openCase("C-2", at: F.day0, payload: F.opened("C-2"))
            try store.append(ReopenedPayload(reason: "why not"), to: "C-2", at: F.day(1))
        }
    }

    @Test("Given malformed payload JSON, when appended, then the error names the kind and the field")
    func malformedPayload() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        let before = try F.rowCounts(store)

        let error = #expect(throws: StoreError.self) {
            try store.append([NewEvent(caseID: "C-1", kind: .caseClosed, at: F.day0, payloadJSON: Data(#"{"reason":"x"}"#.utf8))])
        }
        #expect(error?.description == "payload of 'case_closed' is invalid: field 'outcome' is missing")
        #expect(throws: StoreError.self) {
            try store.append([NewEvent(caseID: "C-1", kind: .noteAdded, at: F.day0, payloadJSON: Data("not json".utf8))])
        }
        #expect(try F.rowCounts(store) == before)
    }

    @Test("Given a case id naming a property, when a case is opened with it, then it is refused")
    func propertySubjectIsNotACase() throws {
        let store = try SQLiteCaseStore.inMemory()
        #expect(throws: StoreError.self) {
            try store.openCase("property:UPRN-1", at: F.day0, payload: F.opened("x"))
        }
        #expect(throws: StoreError.invalidEvent(field: "case_id", reason: "must not be empty")) {
            try store.openCase("", at: F.day0, payload: F.opened("x"))
        }
    }
}

@Suite("Append-only: the database itself refuses changes to events")
struct AppendOnlyTests {
    typealias F = StoreFixtures

    @Test("Given stored events, when SQL tries to update or delete one, then SQLite aborts and the chain still verifies")
    func triggersRefuseUpdateAndDelete() throws {
        let store = try SQLiteCaseStore.inMemory()
        try F.caseWithNotes(store, "C-1", notes: 3)

        #expect(throws: DatabaseError.self) {
            try store.writer.write { try $0.execute(sql: "UPDATE events SET payload = '{}' WHERE seq = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try store.writer.write { try $0.execute(sql: "DELETE FROM events WHERE seq = 2") }
        }
        #expect(try store.verify().isValid)
        #expect(try store.events(for: "C-1").count == 4)
    }

    @Test("Given a store file, when it is opened, then it is in WAL mode with foreign keys on and migration v1 applied")
    func fileSettings() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCaseStore.open(folder.appendingPathComponent("cases.sqlite").path)
        let (journal, foreignKeys, synchronous, migrations) = try store.writer.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(synchronous == 2)
        #expect(migrations == ["v1"])
    }

    @Test("Given a folder that does not exist, when a store is opened there, then the error names the path")
    func openingWhereThereIsNoFolder() throws {
        let error = #expect(throws: StoreError.self) {
            try SQLiteCaseStore.open("/nonexistent-folder/cases.sqlite")
        }
        #expect(error?.description.hasPrefix("cannot open the store at '/nonexistent-folder/cases.sqlite'") == true)
    }
}
