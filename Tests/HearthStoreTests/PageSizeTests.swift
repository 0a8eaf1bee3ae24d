import Foundation
import GRDB
import HearthStore
import Testing

/// A store is created with 16 KiB pages; one made earlier with SQLite's 4 KiB default keeps them and works as before.
@Suite("Store page size: new stores get 16 KiB pages, existing stores keep theirs")
struct PageSizeTests {
    typealias F = StoreFixtures

    private func pageSize(_ store: SQLiteCaseStore) throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size")! }
    }

    private func openings(_ range: Range<Int>) -> [NewEvent] { F.caseOpenings(range, prefix: "P") }

    @Test("Given no store file, when a store is opened and written, then its pages are 16,384 bytes, also after reopening")
    func newStore() throws {
        // Given a path with no file
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.sqlite").path
        // When a store is opened there and 200 events are imported
        let store = try SQLiteCaseStore.open(path)
        _ = try store.importBatch(openings(0..<200), source: "crm")
        // Then it uses 16 KiB pages, and still does when opened again
        #expect(try pageSize(store) == SQLiteCaseStore.pageSize)
        #expect(SQLiteCaseStore.pageSize == 16_384)
        try store.closeDatabase()
        let reopened = try SQLiteCaseStore.open(path)
        #expect(try pageSize(reopened) == 16_384)
        #expect(try reopened.verify().eventsChecked == 200)
    }

    @Test("Given a store file created with 4,096-byte pages, when it is opened and imported into, then it keeps its page size and every event verifies")
    func existingStoreKeepsItsPages() throws {
        // Given a database file created with SQLite's default page size, as stores were before
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try old.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; CREATE TABLE placeholder (x); DROP TABLE placeholder;")
        }
        try old.close()
        // When it is opened as a store, imported into (a first load) and opened again
        let store = try SQLiteCaseStore.open(path)
        try store.prepareForBulkImport(cacheKiB: 1024)
        _ = try store.importBatch(openings(0..<150), source: "crm")
        try store.finishBulkImport()
        try store.closeDatabase()
        let reopened = try SQLiteCaseStore.open(path)
        // Then its pages are still 4,096 bytes, it is on the write-ahead log, and its chain verifies
        #expect(try pageSize(reopened) == 4_096)
        #expect(try reopened.journalMode() == "wal")
        #expect(try reopened.verify().eventsChecked == 150)
        #expect(try F.rowCounts(reopened)["cases"] == 150)
    }
}
