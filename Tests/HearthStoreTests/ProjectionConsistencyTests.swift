import Foundation
import HearthStore
import Testing

/// A small deterministic random generator, so a failing history can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Projection consistency: the case list always agrees with the events")
struct ProjectionConsistencyTests {
    typealias F = StoreFixtures

    /// Random histories over 8 cases: opening, decisions, referrals, consent, closing, reopening, notes, and
    /// refused events mixed into batches (a refused batch must leave everything as it was).
    @Test("Given random histories, when appended in random batches, then the list matches each case's state and a rebuild", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomHistories(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        let store = try SQLiteCaseStore.inMemory()
        let ids = (1...8).map { "C-\($0)" }
        var clock = 0
        for id in ids.prefix(4) {
            try store.openCase(id, at: F.day0, payload: F.opened(id))
        }
        var refused = 0

        for _ in 0..<80 {
            var batch: [NewEvent] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                clock += 1
                let at = F.day(0, hour: clock)
                let id = ids.randomElement(using: &random)!
                switch Int.random(in: 0..<9, using: &random) {
                case 0:
                    batch.append(try NewEvent(caseID: id, at: at, payload: F.opened(id)))
                case 1:
                    batch.append(try NewEvent(caseID: id, at: at, payload: F.decision(
                        band: ["standard", "medium", "high"].randomElement(using: &random)!,
                        marac: Bool.random(using: &random),
                        deadlines: [PlannedDeadline(id: "first_contact", due: F.day(Int.random(in: 0...5, using: &random)))],
                        referrals: [PlannedReferral(partner: "idva_service", kind: "idva", consent: "given", status: "ready")])))
                case 2:
                    batch.append(try NewEvent(caseID: id, at: at, payload: ReferralSentPayload(partner: "idva_service", kind: "idva", consent: "given")))
                case 3:
                    batch.append(try NewEvent(caseID: id, at: at, payload: ConsentPayload(
                        partner: ["idva", "marac"].randomElement(using: &random)!,
                        decision: [.given, .refused, .withdrawn].randomElement(using: &random)!, by: "ali")))
                case 4:
                    batch.append(try NewEvent(caseID: id, at: at, payload: ClosedPayload(outcome: "support_complete", reason: "safety_plan_in_place")))
                case 5:
                    batch.append(try NewEvent(caseID: id, at: at, payload: ReopenedPayload(reason: "new incident")))
                default:
                    batch.append(try NewEvent(caseID: id, at: at, payload: NotePayload(text: "note \(clock)")))
                }
            }
            let before = try F.rowCounts(store)
            let listBefore = try store.listCases()
            do {
                _ = try store.append(batch)
            } catch is StoreError {
                refused += 1
                #expect(try F.rowCounts(store) == before)
                #expect(try store.listCases() == listBefore)
            }
        }

        let listed = try store.listCases()
        #expect(refused > 0 && refused < 80, "the histories mix accepted and refused batches")
        for summary in listed {
            let state = try store.state(for: summary.id)
            #expect(summary.status == state.status)
            #expect(summary.eventCount == state.eventCount)
            #expect(summary.riskBand == state.riskBand)
            #expect(summary.marac == state.marac)
            #expect(summary.outcome == state.closedOutcome)
            #expect(summary.nextDeadline == state.deadlines.map(\.due).min())
            #expect(summary.lastEventAt == state.lastEventAt)
        }
        let report = try store.report(asOf: F.day(3))
        try store.rebuildProjections()
        #expect(try store.listCases() == listed)
        #expect(try store.report(asOf: F.day(3)) == report)
        #expect(try store.verify().isValid)
    }
}
