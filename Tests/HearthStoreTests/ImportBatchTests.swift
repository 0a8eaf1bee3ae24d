import Foundation
import HearthStore
import Testing

/// `importBatch`: the bulk import's path, which returns counts instead of the stored events.
@Suite("Import batches: counts only, the same checks, hashes and projections as appendBatch")
struct ImportBatchTests {
    typealias F = StoreFixtures

    /// `count` case-opened events as an import builds them, external ids `crm-0`, `crm-1` …
    private func openings(_ count: Int, prefix: String = "H-", from first: Int = 0) -> [NewEvent] {
        (first..<(first + count)).map { n in
            NewEvent.caseOpened(
                caseID: "\(prefix)\(n)", at: F.day(n % 7, hour: n % 24), recordedBy: "import",
                caseJSON: Array(#"{"id":"\#(prefix)\#(n)","victim":{"age":\#(20 + n % 50)}}"#.utf8),
                pluginID: "eastleigh", area: n.isMultiple(of: 3) ? nil : "Eastleigh",
                riskBand: n.isMultiple(of: 2) ? "high" : nil, externalID: "crm-\(n)")
        }
    }

    @Test("Given new cases, when imported and imported again, then they are counted once, then all skipped by position")
    func countsAndSkips() throws {
        // Given a store and a batch of 100 openings (more than one group of queued case rows)
        let store = try SQLiteCaseStore.inMemory()
        let batch = openings(100)
        // When it is imported twice
        let first = try store.importBatch(batch, source: "crm")
        let counts = try F.rowCounts(store)
        let again = try store.importBatch(batch, source: "crm")
        // Then the first writes every event and case, the second skips every event by position and writes nothing
        #expect(first == ImportBatchResult(appended: 100, skipped: []))
        #expect(counts["events"] == 100 && counts["cases"] == 100)
        #expect(again.appended == 0)
        #expect(again.skipped.map(\.position) == Array(0..<100))
        #expect(again.skipped[41] == SkippedEvent(position: 41, externalID: "crm-41", existingSeq: 42))
        #expect(try F.rowCounts(store) == counts)
        #expect(try store.verify().isValid)
    }

    @Test("Given the same batch through appendBatch and importBatch, when stored, then the events, hashes and case list are identical")
    func sameAsAppendBatch() throws {
        // Given two stores, each with a case opened by hand first
        let viaAppend = try SQLiteCaseStore.inMemory()
        let viaImport = try SQLiteCaseStore.inMemory()
        for store in [viaAppend, viaImport] {
            try store.openCase("C-0", at: F.day0, recordedBy: "ali", payload: F.opened("C-0"))
        }
        let batch = openings(70)
        // When the batch goes through each path
        let appended = try viaAppend.appendBatch(batch, source: "crm", commit: true)
        let imported = try viaImport.importBatch(batch, source: "crm")
        // Then both wrote the same, byte for byte
        #expect(imported.appended == appended.appended.count)
        for n in [0, 1, 31, 32, 33, 69] {
            #expect(try viaImport.events(for: "H-\(n)") == (try viaAppend.events(for: "H-\(n)")))
        }
        #expect(try viaImport.chainTip() == (try viaAppend.chainTip()))
        #expect(try viaImport.listCases() == (try viaAppend.listCases()))
        #expect(try viaImport.verify().isValid)
    }

    @Test("Given a case already in the store and a later bad payload, when imported, then the earlier event is named and nothing is written")
    func earlierTakenIDComesFirst() throws {
        // Given a store holding H-5, and a batch opening H-0…H-39 whose event 37 has a payload that is not UTF-8
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("H-5", at: F.day0, payload: F.opened("H-5"))
        var batch = openings(40)
        batch[37] = NewEvent(
            caseID: "H-37", kind: .caseOpened, at: F.day0,
            payloadJSON: Data([0x7B] + Array(repeating: 0x41, count: 40) + [0xFF, 0xFE] + Array("}".utf8)),
            externalID: "crm-37")
        let before = try F.rowCounts(store)
        // When it is imported
        let error = #expect(throws: StoreError.self) { try store.importBatch(batch, source: "crm") }
        // Then the refusal names event 5 (whose case row was still queued when event 37 failed), and nothing is written
        guard case .rejectedEvent(let position, let externalID, let reason)? = error else {
            Issue.record("expected a rejected event, got \(String(describing: error))")
            return
        }
        #expect(position == 5)
        #expect(externalID == "crm-5")
        #expect(reason == .caseAlreadyExists(id: "H-5", openedAt: F.day0))
        #expect(try F.rowCounts(store) == before)
    }

    @Test("Given one case opened twice in a batch, far apart, when imported, then the second opening is refused with the first one's time")
    func caseOpenedTwiceInBatch() throws {
        // Given a batch where event 35 opens H-2 again under another external id
        let store = try SQLiteCaseStore.inMemory()
        var batch = openings(50)
        batch[35] = NewEvent.caseOpened(
            caseID: "H-2", at: F.day(9), caseJSON: Array(#"{"id":"H-2"}"#.utf8), pluginID: "eastleigh",
            externalID: "crm-35")
        // When it is imported
        let error = #expect(throws: StoreError.self) { try store.importBatch(batch, source: "crm") }
        // Then event 35 is refused as a case that exists, opened at event 2's time; nothing is written
        #expect(error == .rejectedEvent(
            position: 35, externalID: "crm-35",
            reason: .caseAlreadyExists(id: "H-2", openedAt: batch[2].at)))
        #expect(try F.rowCounts(store)["events"] == 0)
    }

    @Test("Given later events for cases opened in the same batch, when imported, then the projection counts them")
    func laterEventsForCasesOpenedInTheBatch() throws {
        // Given openings followed by notes and a closing for some of them, in one batch
        let store = try SQLiteCaseStore.inMemory()
        var batch = openings(40)
        batch.append(try NewEvent(caseID: "H-3", at: F.day(8), payload: NotePayload(text: "called back"), externalID: "n-1"))
        batch.append(try NewEvent(caseID: "H-39", at: F.day(8), payload: NotePayload(text: "visited"), externalID: "n-2"))
        batch.append(try NewEvent(
            caseID: "H-39", at: F.day(9), payload: ClosedPayload(outcome: "safe", reason: "moved"), externalID: "n-3"))
        // When it is imported
        let result = try store.importBatch(batch, source: "crm")
        // Then every event is written and the case list reflects the later events
        #expect(result == ImportBatchResult(appended: 43, skipped: []))
        let cases = Dictionary(uniqueKeysWithValues: try store.listCases().map { ($0.id, $0) })
        #expect(cases["H-3"]?.eventCount == 2)
        #expect(cases["H-39"]?.eventCount == 3)
        #expect(cases["H-39"]?.status == .closed)
        #expect(cases["H-0"]?.eventCount == 1)
        #expect(try store.state(for: "H-39").status == .closed)
        #expect(try store.verify().isValid)
    }

    @Test("Given hostile payloads and ids, when imported, then each is refused by position and nothing is written")
    func hostileInput() throws {
        let store = try SQLiteCaseStore.inMemory()
        let overlong = Data(Array(#"{"case":"#.utf8) + [0xC0, 0xAF] + Array("}".utf8))
        let surrogate = Data(Array(#"{"a":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8))
        let truncated = Data(Array(#"{"notes":"Zo"#.utf8) + [0xC3])
        let cases: [(NewEvent, String)] = [
            (NewEvent(caseID: "H-1", kind: .caseOpened, at: F.day0, payloadJSON: overlong, externalID: "x"), "UTF-8"),
            (NewEvent(caseID: "H-1", kind: .caseOpened, at: F.day0, payloadJSON: surrogate, externalID: "x"), "UTF-8"),
            (NewEvent(caseID: "H-1", kind: .caseOpened, at: F.day0, payloadJSON: truncated, externalID: "x"), "UTF-8"),
            (NewEvent(caseID: "H-1", kind: .caseOpened, at: F.day0, payloadJSON: Data("[]".utf8), externalID: "x"), "JSON object"),
            (NewEvent(caseID: "H-1", kind: .caseOpened, at: F.day0, payloadJSON: Data(), externalID: "x"), "JSON object"),
            (openings(1)[0].withExternalID(""), "external_id"),
            (NewEvent.caseOpened(caseID: "", at: F.day0, caseJSON: Array("{}".utf8), pluginID: "eastleigh", externalID: "x"), "case_id"),
            (NewEvent.caseOpened(caseID: "H-1", at: F.day0, caseJSON: Array("{}".utf8), pluginID: "", externalID: "x"), "plugin_id"),
            (NewEvent.caseOpened(
                caseID: PropertySubject.id(forProperty: "P-1"), at: F.day0, caseJSON: Array("{}".utf8),
                pluginID: "eastleigh", externalID: "x"), "names a property"),
        ]
        for (bad, words) in cases {
            // Given a batch of good openings with one bad event at position 33
            var batch = openings(40, prefix: "G-")
            batch[33] = bad
            // When it is imported
            let error = #expect(throws: StoreError.self) { try store.importBatch(batch, source: "crm") }
            // Then event 33 is refused for the reason given, and nothing is written
            guard case .rejectedEvent(let position, _, let reason)? = error else {
                Issue.record("expected a rejected event for \(words), got \(String(describing: error))")
                continue
            }
            #expect(position == 33)
            #expect(reason.description.contains(words), "\(reason.description)")
            #expect(try F.rowCounts(store)["events"] == 0)
        }
    }

    @Test("Given a payload with non-ASCII text, when imported, then it is stored byte for byte and verifies")
    func nonASCIIPayload() throws {
        // Given an opening whose case notes hold accents, an em dash and an emoji
        let store = try SQLiteCaseStore.inMemory()
        let json = #"{"id":"H-1","notes":"Zoë — café ☕️ 🏠"}"#
        let event = NewEvent.caseOpened(
            caseID: "H-1", at: F.day0, caseJSON: Array(json.utf8), pluginID: "eastleigh", externalID: "crm-1")
        // When it is imported
        #expect(try store.importBatch([event], source: "crm").appended == 1)
        // Then the stored payload is the event's bytes and the chain verifies
        #expect(try store.events(for: "H-1").first?.payload == event.payload)
        #expect(try store.verify().isValid)
    }

    @Test("Given a dry run, when a batch is imported with commit false, then the counts are returned and nothing is written")
    func dryRun() throws {
        // Given a store with one imported case
        let store = try SQLiteCaseStore.inMemory()
        _ = try store.importBatch(openings(1), source: "crm")
        let before = try F.rowCounts(store)
        // When a batch including that case's event is checked without committing
        let result = try store.importBatch(openings(50), source: "crm", commit: false)
        // Then it reports 49 new and 1 skipped, and the store is unchanged
        #expect(result.appended == 49)
        #expect(result.skipped == [SkippedEvent(position: 0, externalID: "crm-0", existingSeq: 1)])
        #expect(try F.rowCounts(store) == before)
        #expect(try store.importBatch([], source: "crm") == ImportBatchResult(appended: 0, skipped: []))
    }
}

private extension NewEvent {
    func withExternalID(_ id: String) -> NewEvent {
        var copy = self
        copy.externalID = id
        return copy
    }
}
