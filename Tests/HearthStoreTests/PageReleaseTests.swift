import Foundation
import HearthStore
import Testing

/// A first load hands the store file's written pages back to the system after each batch while it only appends,
/// and stops as soon as a batch reads pages back from the file.
@Suite("Bulk import page release: a first load leaves the system's page cache as it found it")
struct PageReleaseTests {
    typealias F = StoreFixtures

    @Test("Given a first load whose case ids arrive in order, when each committed batch releases its pages, then the file is no longer cached and every event verifies")
    func inOrder() throws {
        // Given an empty store on a first load, and 3,000 openings whose ids sort in the order they arrive
        let path = try F.temporaryFolder().appendingPathComponent("ordered.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        #expect(try store.prepareForBulkImport(cacheKiB: 1024))
        var release = PageRelease()
        var cachedBefore = 0
        // When three batches of 1,000 are committed, each followed by a release
        for start in stride(from: 10_000, to: 13_000, by: 1_000) {
            _ = try store.importBatch(F.caseOpenings(start..<(start + 1_000), prefix: "O"), source: "crm")
            cachedBefore = try Self.cachedPages(path)
            store.releaseWrittenPages(afterBatchOf: 1_000, &release)
        }
        let cachedAfter = try Self.cachedPages(path)
        try store.finishBulkImport()
        // Then every batch was released, nothing was read back, the file's pages left the system's cache, and the
        // store holds and verifies every event
        #expect(release.released == 3)
        #expect(!release.stopped)
        #expect(release.readBack < 16)
        #expect(cachedBefore > 10)
        #expect(cachedAfter < cachedBefore / 4, "\(cachedAfter) of \(cachedBefore) pages still cached")
        #expect(try F.rowCounts(store)["events"] == 3_000)
        #expect(try F.rowCounts(store)["cases"] == 3_000)
        #expect(try store.verify().isValid)
    }

    @Test("Given a first load whose ids arrive scattered and a page cache too small for the indexes, when batches are committed, then the releases stop and every event is there")
    func scattered() throws {
        // Given an empty store on a first load with the smallest page cache, and 30,000 openings in scattered order
        // (7,919 is prime, so n ↦ 7,919 n mod 30,000 visits every number once)
        let path = try F.temporaryFolder().appendingPathComponent("scattered.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        #expect(try store.prepareForBulkImport(cacheKiB: 256))
        let all = F.caseOpenings(0..<30_000, prefix: "S")
        let scattered = (0..<30_000).map { all[($0 * 7_919) % 30_000] }
        var release = PageRelease()
        // When three batches of 10,000 are committed, each followed by a release
        for start in stride(from: 0, to: 30_000, by: 10_000) {
            _ = try store.importBatch(Array(scattered[start..<(start + 10_000)]), source: "crm")
            store.releaseWrittenPages(afterBatchOf: 10_000, &release)
        }
        try store.finishBulkImport()
        // Then the first batch was released, a later one read pages back and stopped the releases, and the store
        // holds and verifies every event
        #expect(release.released >= 1)
        #expect(release.stopped)
        #expect(release.readBack > 100)
        #expect(try F.rowCounts(store)["events"] == 30_000)
        #expect(try store.verify().isValid)
    }

    @Test("Given a release that was stopped, when more batches are committed, then nothing more is released")
    func stoppedStaysStopped() throws {
        // Given a first load whose release state was stopped by an earlier batch
        let path = try F.temporaryFolder().appendingPathComponent("stopped.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        #expect(try store.prepareForBulkImport(cacheKiB: 1024))
        var release = PageRelease()
        _ = try store.importBatch(F.caseOpenings(10_000..<10_500, prefix: "T"), source: "crm")
        store.releaseWrittenPages(afterBatchOf: 500, &release)
        release.stop()
        // When another batch is committed and released
        _ = try store.importBatch(F.caseOpenings(10_500..<11_000, prefix: "T"), source: "crm")
        store.releaseWrittenPages(afterBatchOf: 500, &release)
        try store.finishBulkImport()
        // Then only the first batch was released
        #expect(release.released == 1)
        #expect(try store.verify().isValid)
    }

    /// How many of the file's pages (of the system's size) are in the system's page cache.
    static func cachedPages(_ path: String) throws -> Int {
        let file = open(path, O_RDONLY)
        guard file >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(file) }
        let size = Int(lseek(file, 0, SEEK_END))
        guard size > 0, let map = mmap(nil, size, PROT_READ, MAP_SHARED, file, 0), map != MAP_FAILED else { return 0 }
        defer { munmap(map, size) }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var resident = [UInt8](repeating: 0, count: (size + pageSize - 1) / pageSize)
        guard mincore(map, size, &resident) == 0 else { return 0 }
        return resident.reduce(0) { $0 + Int($1 & 1) }
    }
}
