import Foundation
import HearthStore
import Testing

/// A first load into an empty store runs on a rollback journal (each new page written once) and goes back to the
/// write-ahead log when it ends; any other import keeps the log.
@Suite("Bulk import journal: a rollback journal for a first load only, the write-ahead log again afterwards")
struct FirstLoadJournalTests {
    typealias F = StoreFixtures

    private func openings(_ range: Range<Int>) -> [NewEvent] { F.caseOpenings(range, prefix: "J") }

    @Test("Given an empty store file, when a bulk import runs and finishes, then it used a rollback journal and the store is back on WAL")
    func firstLoad() throws {
        // Given a new store file
        let path = try F.temporaryFolder().appendingPathComponent("first.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        #expect(try store.journalMode() == "wal")
        // When a bulk import starts, writes 300 events in three batches, and finishes
        let switched = try store.prepareForBulkImport(cacheKiB: 1024)
        let modeDuring = try store.journalMode()
        for start in stride(from: 0, to: 300, by: 100) {
            _ = try store.importBatch(openings(start..<(start + 100)), source: "crm")
        }
        try store.finishBulkImport()
        // Then the import ran on a rollback journal, and the store is back on the write-ahead log with every event
        #expect(switched)
        #expect(modeDuring == "truncate")
        #expect(try store.journalMode() == "wal")
        #expect(try F.rowCounts(store)["events"] == 300)
        #expect(try store.verify().isValid)
        try store.closeDatabase()
        let reopened = try SQLiteCaseStore.open(path)
        #expect(try reopened.journalMode() == "wal")
        #expect(try reopened.verify().eventsChecked == 300)
    }

    @Test("Given a store that already holds events, when a bulk import starts, then it keeps the write-ahead log")
    func notAFirstLoad() throws {
        // Given a store with one event
        let path = try F.temporaryFolder().appendingPathComponent("later.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        _ = try store.importBatch(openings(0..<1), source: "crm")
        // When a bulk import starts
        let switched = try store.prepareForBulkImport(cacheKiB: 1024)
        // Then the journal stays the write-ahead log, during and after
        #expect(!switched)
        #expect(try store.journalMode() == "wal")
        _ = try store.importBatch(openings(1..<50), source: "crm")
        try store.finishBulkImport()
        #expect(try store.journalMode() == "wal")
        #expect(try store.verify().isValid)
    }

    @Test("Given an empty store another connection has open, when a bulk import runs, then both see every event and the store ends on WAL")
    func anotherConnectionOpen() throws {
        // Given an empty store opened twice (say by a report running at the same time), the second one reading
        let path = try F.temporaryFolder().appendingPathComponent("shared.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        let other = try SQLiteCaseStore.open(path)
        #expect(try other.listCases().isEmpty)
        // When a bulk import runs on the first
        let switched = try store.prepareForBulkImport(cacheKiB: 1024)
        _ = try store.importBatch(openings(0..<120), source: "crm")
        try store.finishBulkImport()
        // Then the switch was refused at once, the other connection sees every case, the chain verifies from both,
        // and the store is on WAL
        #expect(!switched)
        #expect(try other.listCases().count == 120)
        #expect(try other.verify().isValid)
        #expect(try store.verify().isValid)
        #expect(try store.journalMode() == "wal")
    }

    @Test("Given a first load under way, when another program opens the store, then the store is back on WAL and the import goes on")
    func openedDuringFirstLoad() throws {
        // Given a first load that has written one batch on the rollback journal
        let path = try F.temporaryFolder().appendingPathComponent("during.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        #expect(try store.prepareForBulkImport(cacheKiB: 1024))
        _ = try store.importBatch(openings(0..<100), source: "crm")
        // When another program opens the store (which asks for WAL) and reads it, and the import writes two batches more
        let other = try SQLiteCaseStore.open(path)
        #expect(try other.listCases().count == 100)
        _ = try store.importBatch(openings(100..<200), source: "crm")
        _ = try store.importBatch(openings(200..<300), source: "crm")
        try store.finishBulkImport()
        // Then nothing is lost, both see every case, the chain verifies, and the store is on WAL
        #expect(try other.listCases().count == 300)
        #expect(try store.verify().eventsChecked == 300)
        #expect(try other.verify().isValid)
        #expect(try store.journalMode() == "wal")
        #expect(try other.journalMode() == "wal")
    }

    @Test("Given an in-memory store, when a bulk import starts, then the journal is left as it is")
    func inMemory() throws {
        let store = try SQLiteCaseStore.inMemory()
        #expect(try !store.prepareForBulkImport(cacheKiB: 1024))
        _ = try store.importBatch(openings(0..<10), source: "crm")
        try store.finishBulkImport()
        #expect(try store.journalMode() == "memory")
    }
}
