import Foundation
import GRDB
import HearthStore
import Testing

/// An attacker with the database file and plain SQL: drops the triggers and edits the events.
@Suite("Audit trail: tampering is detected and the right event is named")
struct AuditTrailTests {
    typealias F = StoreFixtures

    /// A file store with 2 cases interleaved (20 events), and a raw connection with the triggers dropped.
    private func tamperedStore(_ tamper: (Database) throws -> Void) throws -> ChainVerification {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cases.sqlite").path
        do {
            let store = try SQLiteCaseStore.open(path)
            try store.openCase("C-1", at: F.day0, recordedBy: "ali", payload: F.opened("C-1"))
            try store.openCase("C-2", at: F.day0, recordedBy: "sam", payload: F.opened("C-2"))
            for n in 0..<9 {
                try store.append(NotePayload(text: "C-1 note \(n)"), to: "C-1", at: F.day(1, hour: n), recordedBy: "ali")
                try store.append(NotePayload(text: "C-2 note \(n)"), to: "C-2", at: F.day(1, hour: n), recordedBy: "sam")
            }
            let untouched = try store.verify()
            #expect(untouched.isValid)
            #expect(untouched.tip == (try store.chainTip()))
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let attacker = try DatabaseQueue(path: path, configuration: configuration)
        try attacker.write { db in
            try db.execute(sql: "DROP TRIGGER events_are_never_updated; DROP TRIGGER events_are_never_deleted")
            try tamper(db)
        }
        try attacker.close()
        return try SQLiteCaseStore.open(path).verify()
    }

    @Test("Given a note's text is changed, when the trail is verified, then that event is named as changed")
    func changedPayload() throws {
        let result = try tamperedStore { db in
            try db.execute(sql: #"UPDATE events SET payload = '{"text":"nothing happened"}' WHERE seq = 7"#)
        }
        #expect(result.failure?.kind == .changed)
        #expect(result.failure?.seq == 7)
        #expect(result.failure?.reason.contains("event 7 ('note_added' in 'C-1') was changed") == true)
    }

    @Test("Given who recorded an event is changed, when the trail is verified, then that event is named as changed")
    func changedRecorder() throws {
        let result = try tamperedStore { db in
            try db.execute(sql: "UPDATE events SET recorded_by = 'someone.else' WHERE seq = 12")
        }
        #expect(result.failure?.kind == .changed)
        #expect(result.failure?.seq == 12)
    }

    @Test("Given an event is changed and its hash recomputed, when the trail is verified, then that event is named as changed")
    func changedAndRehashed() throws {
        let result = try tamperedStore { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT case_id, kind, at, recorded_by, prev_hash FROM events WHERE seq = 9"))
            let forged = #"{"text":"victim withdrew everything"}"#
            let hash = AuditChain.hash(
                seq: 9, caseID: row[0], kind: row[1], atMillis: row[2], recordedBy: row[3], payload: forged,
                source: nil, externalID: nil, prevHash: row[4])
            try db.execute(sql: "UPDATE events SET payload = ?, hash = ? WHERE seq = 9", arguments: [forged, hash])
        }
        #expect(result.failure?.kind == .changed)
        #expect(result.failure?.seq == 9)
    }

    @Test("Given an event is deleted, when the trail is verified, then the missing event is named as deleted")
    func deletedEvent() throws {
        let result = try tamperedStore { db in
            try db.execute(sql: "DELETE FROM events WHERE seq = 7")
        }
        #expect(result.failure?.kind == .deleted)
        #expect(result.failure?.seq == 7)
        #expect(result.failure?.reason == "event 7 is missing: the chain jumps from 6 to 8")
    }

    @Test("Given the newest events are deleted, when the trail is verified, then the first missing one is named")
    func deletedTail() throws {
        let result = try tamperedStore { db in
            try db.execute(sql: "DELETE FROM events WHERE seq >= 19")
        }
        #expect(result.failure?.kind == .deleted)
        #expect(result.failure?.seq == 19)
    }

    @Test("Given an event is deleted and the later ones renumbered, when the trail is verified, then it is detected at that position")
    func deletedAndRenumbered() throws {
        let result = try tamperedStore { db in
            try db.execute(sql: "DELETE FROM events WHERE seq = 7")
            try db.execute(sql: "UPDATE events SET seq = seq + 1000 WHERE seq > 7")
            try db.execute(sql: "UPDATE events SET seq = seq - 1001 WHERE seq > 1000")
        }
        #expect(result.failure?.kind == .deleted)
        #expect(result.failure?.seq == 7)
    }

    @Test("Given a forged event is slipped in between two events, when the trail is verified, then the forged event is named as inserted")
    func insertedInTheMiddle() throws {
        let result = try tamperedStore { db in
            let prev: String = try #require(try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = 6"))
            try db.execute(sql: "UPDATE events SET seq = seq + 1000 WHERE seq >= 7")
            try db.execute(sql: "UPDATE events SET seq = seq - 999 WHERE seq >= 1007")
            try db.execute(sql: """
                INSERT INTO events (seq, case_id, kind, at, recorded_by, payload, hash, prev_hash)
                VALUES (7, 'C-1', 'consent_recorded', 0, 'ali', '{"by":"ali","decision":"given","partner":"police"}', ?, ?)
                """, arguments: [String(repeating: "f", count: 64), prev])
        }
        #expect(result.failure?.kind == .inserted)
        #expect(result.failure?.seq == 7)
    }

    @Test("Given a forged event with a correctly computed hash is slipped in, when the trail is verified, then it is named as inserted")
    func insertedWithValidHash() throws {
        let result = try tamperedStore { db in
            let prev: String = try #require(try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = 6"))
            let payload = #"{"by":"ali","decision":"given","partner":"police"}"#
            let hash = AuditChain.hash(
                seq: 7, caseID: "C-1", kind: "consent_recorded", atMillis: 0, recordedBy: "ali", payload: payload,
                source: nil, externalID: nil, prevHash: prev)
            try db.execute(sql: "UPDATE events SET seq = seq + 1000 WHERE seq >= 7")
            try db.execute(sql: "UPDATE events SET seq = seq - 999 WHERE seq >= 1007")
            try db.execute(sql: """
                INSERT INTO events (seq, case_id, kind, at, recorded_by, payload, hash, prev_hash)
                VALUES (7, 'C-1', 'consent_recorded', 0, 'ali', ?, ?, ?)
                """, arguments: [payload, hash, prev])
        }
        #expect(result.failure?.kind == .inserted)
        #expect(result.failure?.seq == 7)
    }

    @Test("Given a forged event is added after the newest one, when the trail is verified, then it is named as inserted")
    func insertedAtTheEnd() throws {
        let result = try tamperedStore { db in
            let prev: String = try #require(try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = 20"))
            try db.execute(sql: """
                INSERT INTO events (seq, case_id, kind, at, recorded_by, payload, hash, prev_hash)
                VALUES (21, 'C-1', 'note_added', 0, 'ali', '{"text":"all fine"}', ?, ?)
                """, arguments: [String(repeating: "e", count: 64), prev])
        }
        #expect(result.failure?.kind == .inserted)
        #expect(result.failure?.seq == 21)
    }

    @Test("Given two events swap places, when the trail is verified, then the first moved event is named as reordered")
    func reordered() throws {
        let result = try tamperedStore { db in
            try db.execute(sql: "UPDATE events SET seq = -1 WHERE seq = 7")
            try db.execute(sql: "UPDATE events SET seq = 7 WHERE seq = 8")
            try db.execute(sql: "UPDATE events SET seq = 8 WHERE seq = -1")
        }
        #expect(result.failure?.kind == .reordered)
        #expect(result.failure?.seq == 7)
    }

    @Test("Given an event is moved to the end, when the trail is verified, then the event now out of place is named as reordered")
    func movedToTheEnd() throws {
        let result = try tamperedStore { db in
            try db.execute(sql: "UPDATE events SET seq = 100 WHERE seq = 5")
            try db.execute(sql: "UPDATE events SET seq = seq - 1 WHERE seq > 5 AND seq < 100")
            try db.execute(sql: "UPDATE events SET seq = 20 WHERE seq = 100")
        }
        #expect(result.failure?.kind == .reordered)
        #expect(result.failure?.seq == 5)
    }

    @Test("Given an untouched store, when the trail is verified, then every event checks and the tip matches the store's record")
    func untouched() throws {
        let result = try tamperedStore { _ in }
        #expect(result.isValid)
        #expect(result.eventsChecked == 20)
        #expect(result.tip?.seq == 20)
    }

    @Test("Given a tip kept outside the store, when the whole tail is rewritten consistently, then verify against that tip names the rewritten event")
    func rewrittenTailAgainstAKnownTip() throws {
        let folder = try F.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cases.sqlite").path
        let store = try SQLiteCaseStore.open(path)
        try F.caseWithNotes(store, "C-1", notes: 5)
        let kept = try #require(try store.chainTip())
        try store.append(NotePayload(text: "later"), to: "C-1", at: F.day(2))
        // The attacker rewrites event 6 and everything after it, re-hashing and updating chain_head.
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER events_are_never_updated")
            var prev: String = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = 5")!
            for seq in Int64(6)...7 {
                let row = try Row.fetchOne(db, sql: "SELECT case_id, kind, at, recorded_by FROM events WHERE seq = ?", arguments: [seq])!
                let payload = #"{"text":"rewritten"}"#
                let hash = AuditChain.hash(
                    seq: seq, caseID: row[0], kind: row[1], atMillis: row[2], recordedBy: row[3], payload: payload,
                    source: nil, externalID: nil, prevHash: prev)
                try db.execute(sql: "UPDATE events SET payload = ?, hash = ?, prev_hash = ? WHERE seq = ?", arguments: [payload, hash, prev, seq])
                try db.execute(sql: "UPDATE chain_head SET hash = ? WHERE seq = ?", arguments: [hash, seq])
                prev = hash
            }
        }

        #expect(try store.verify().isValid)
        let against = try store.verify(knownTip: kept)
        #expect(against.failure?.kind == .changed)
        #expect(against.failure?.seq == 6)
    }
}
