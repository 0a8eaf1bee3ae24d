import Foundation
import HearthStore
import Testing

@Suite("Reliability across processes: crashes and concurrent writers", .serialized)
struct ProcessReliabilityTests {
    typealias F = StoreFixtures

    @Test("Given a writer appending, when it is killed with SIGKILL at 20 random moments, then the store opens, verifies and holds every acknowledged event")
    func killNineTwentyTimes() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("crash.sqlite").path
        var generator = SystemRandomNumberGenerator()
        var totalAcknowledged = 0

        for round in 0..<20 {
            let batchSize = [1, 1, 5, 50][round % 4]
            let writer = try WriterProcess.start(
                db: db, caseID: "C-CRASH", count: 1_000_000, batchSize: batchSize,
                ackFile: folder.appendingPathComponent("acks-\(round).txt"))
            usleep(UInt32.random(in: 30_000...400_000, using: &generator))
            writer.killHard()

            let acknowledged = try writer.acknowledged()
            totalAcknowledged += acknowledged.count
            let store = try SQLiteCaseStore.open(db)
            let verification = try store.verify()
            #expect(verification.isValid, "round \(round): \(verification.failure?.description ?? "")")
            let stored = Set(try store.events(for: "C-CRASH").map(\.seq))
            let missing = Set(acknowledged).subtracting(stored)
            #expect(missing.isEmpty, "round \(round): acknowledged events missing: \(missing.sorted().prefix(5))")
            if let summary = try store.listCases().first {
                #expect(summary.eventCount == stored.count, "round \(round): the case list counts every stored event")
            }
        }
        #expect(totalAcknowledged > 0, "the writer never got an event acknowledged")
    }

    @Test("Given two writer processes on a new store, when both append at once, then nothing is lost and the chain is valid")
    func twoWritersAtOnce() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("shared.sqlite").path
        let perWriter = 300

        let writers = try [("C-A", 1), ("C-B", 7)].map { caseID, batch in
            try WriterProcess.start(
                db: db, caseID: caseID, count: perWriter, batchSize: batch,
                ackFile: folder.appendingPathComponent("acks-\(caseID).txt"))
        }
        for writer in writers { writer.process.waitUntilExit() }
        for writer in writers { #expect(writer.process.terminationStatus == 0) }

        let store = try SQLiteCaseStore.open(db)
        let verification = try store.verify()
        #expect(verification.isValid, "\(verification.failure?.description ?? "")")
        #expect(verification.eventsChecked == Int64(2 * (perWriter + 1)))
        for (writer, caseID) in zip(writers, ["C-A", "C-B"]) {
            let acknowledged = try writer.acknowledged()
            #expect(acknowledged.count == perWriter)
            let events = try store.events(for: caseID)
            #expect(events.count == perWriter + 1)
            #expect(Set(acknowledged).isSubset(of: Set(events.map(\.seq))))
        }
        let seqs = try store.events(for: "C-A").map(\.seq) + store.events(for: "C-B").map(\.seq)
        #expect(seqs.sorted() == Array(1...Int64(2 * (perWriter + 1))))
        #expect(try store.state(for: "C-A").eventCount == perWriter + 1)
    }

    @Test("Given four writers started together on a file that does not exist yet, when they create and append, then all succeed")
    func fourWritersCreateTheSameFile() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for round in 0..<5 {
            let db = folder.appendingPathComponent("new-\(round).sqlite").path
            let writers = try ["C-A", "C-B", "C-C", "C-D"].map { caseID in
                try WriterProcess.start(
                    db: db, caseID: caseID, count: 10, batchSize: 1,
                    ackFile: folder.appendingPathComponent("acks-\(round)-\(caseID).txt"))
            }
            for writer in writers { writer.process.waitUntilExit() }
            #expect(writers.allSatisfy { $0.process.terminationStatus == 0 }, "round \(round)")
            let verification = try SQLiteCaseStore.open(db).verify()
            #expect(verification.isValid)
            #expect(verification.eventsChecked == 44, "round \(round)")
        }
    }
}
