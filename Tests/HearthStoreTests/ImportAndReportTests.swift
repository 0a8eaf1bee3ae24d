import Foundation
import HearthStore
import Testing

@Suite("Imports: batches are idempotent per source")
struct ImportTests {
    typealias F = StoreFixtures

    private func importRows() throws -> [NewEvent] {
        [
            try NewEvent(caseID: "H-1", at: F.day0, recordedBy: "import", payload: F.opened("H-1"), externalID: "crm-1"),
            try NewEvent(caseID: "H-1", at: F.day(1), recordedBy: "import", payload: NotePayload(text: "from CRM"), externalID: "crm-2"),
            try NewEvent(caseID: PropertySubject.id(forProperty: "UPRN-9"), at: F.day(1), payload: IdentificationSignalPayload(propertyRef: "UPRN-9", signal: "welfare_check"), externalID: "crm-3"),
            try NewEvent(caseID: "H-2", at: F.day(2), recordedBy: "import", payload: F.opened("H-2"), externalID: "crm-4"),
        ]
    }

    @Test("Given an import already run, when it is run again, then every event is skipped and reported, and nothing is written")
    func rerunSkipsEverything() throws {
        let store = try SQLiteCaseStore.inMemory()
        let first = try store.appendBatch(try importRows(), source: "housing_crm")
        #expect(first.appended.count == 4)
        #expect(first.skipped.isEmpty)
        let before = try F.rowCounts(store)

        let second = try store.appendBatch(try importRows(), source: "housing_crm")
        #expect(second.appended.isEmpty)
        #expect(second.skipped.map(\.externalID) == ["crm-1", "crm-2", "crm-3", "crm-4"])
        #expect(second.skipped.map(\.existingSeq) == [1, 2, 3, 4])
        #expect(try F.rowCounts(store) == before)
        #expect(first.appended.allSatisfy { $0.source == "housing_crm" })
    }

    @Test("Given the same external ids from another source, when imported, then they are new events")
    func externalIDsArePerSource() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.appendBatch([try NewEvent(caseID: "H-1", at: F.day0, payload: F.opened("H-1"), externalID: "1")], source: "crm")
        let other = try store.appendBatch(
            [try NewEvent(caseID: "H-1", at: F.day0, payload: NotePayload(text: "repairs"), externalID: "1")], source: "repairs")
        #expect(other.appended.count == 1)
        #expect(try store.verify().isValid)
    }

    @Test("Given a batch with an event for an unknown case, when imported, then the error names its position and external id and nothing is written")
    func badRowRefusesTheBatch() throws {
        let store = try SQLiteCaseStore.inMemory()
        var rows = try importRows()
        rows.append(try NewEvent(caseID: "H-404", at: F.day(3), payload: NotePayload(text: "?"), externalID: "crm-5"))
        let before = try F.rowCounts(store)

        let error = #expect(throws: StoreError.self) { try store.appendBatch(rows, source: "housing_crm") }
        #expect(error?.description == "event 5 of the batch (external id 'crm-5') was refused, so nothing was written: case 'H-404' does not exist")
        #expect(try F.rowCounts(store) == before)
    }

    @Test("Given one external id twice in a batch, when imported, then the second is skipped")
    func duplicateWithinBatch() throws {
        let store = try SQLiteCaseStore.inMemory()
        let rows = [
            try NewEvent(caseID: "H-1", at: F.day0, payload: F.opened("H-1"), externalID: "a"),
            try NewEvent(caseID: "H-1", at: F.day0, payload: F.opened("H-1"), externalID: "a"),
        ]
        let result = try store.appendBatch(rows, source: "crm")
        #expect(result.appended.count == 1)
        #expect(result.skipped == [SkippedEvent(position: 1, externalID: "a", existingSeq: 1)])
    }

    @Test("Given an event already imported, when appended again outside a batch, then it is refused as a duplicate")
    func plainAppendRefusesDuplicateExternalID() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.append([try NewEvent(caseID: "H-1", at: F.day0, payload: F.opened("H-1"), externalID: "x")])
        #expect(throws: StoreError.duplicateExternalID(source: nil, externalID: "x", existingSeq: 1)) {
            try store.append([try NewEvent(caseID: "H-1", at: F.day0, payload: NotePayload(text: "again"), externalID: "x")])
        }
    }
}

@Suite("Listing and reports: read from the projection, which can be rebuilt from the events")
struct ListingAndReportTests {
    typealias F = StoreFixtures

    /// Three open cases (high with MARAC, medium, standard) and one closed, with deadlines.
    private func caseload() throws -> SQLiteCaseStore {
        let store = try SQLiteCaseStore.inMemory()
        for (id, day) in [("C-1", 0), ("C-2", 1), ("C-3", 2), ("C-4", 3)] {
            try store.openCase(id, at: F.day(day), recordedBy: "ali", payload: F.opened(id))
        }
        try store.append(F.decision(
            band: "high", marac: true,
            deadlines: [PlannedDeadline(id: "first_contact", due: F.day(1)), PlannedDeadline(id: "marac_referral", due: F.day(3))],
            referrals: [
                PlannedReferral(partner: "hampshire_marac", kind: "marac", consent: "lawful_basis:risk_to_life", status: "ready"),
                PlannedReferral(partner: "idva_service", kind: "idva", consent: "given", status: "ready"),
            ]), to: "C-1", at: F.day(0, hour: 1))
        try store.append(F.decision(
            band: "medium", marac: false, deadlines: [PlannedDeadline(id: "first_contact", due: F.day(6))],
            referrals: [PlannedReferral(partner: "idva_service", kind: "idva", consent: "not_asked", status: "blocked_no_consent")]),
            to: "C-2", at: F.day(1, hour: 1))
        try store.append(F.decision(band: "standard", marac: false), to: "C-3", at: F.day(2, hour: 1))
        try store.append(
            ReferralSentPayload(partner: "hampshire_marac", kind: "marac", consent: "lawful_basis:risk_to_life", reason: "risk to life"),
            to: "C-1", at: F.day(1))
        try store.append(F.decision(band: "high", marac: false, deadlines: [PlannedDeadline(id: "first_contact", due: F.day(4))]), to: "C-4", at: F.day(3, hour: 1))
        try store.close("C-4", outcome: "support_complete", reason: "safety_plan_in_place", at: F.day(4))
        return store
    }

    @Test("Given a caseload, when cases are listed with filters, then open, band and overdue select the right cases")
    func listing() throws {
        let store = try caseload()
        #expect(try store.listCases().map(\.id) == ["C-4", "C-3", "C-2", "C-1"])
        #expect(try store.listCases(CaseFilter(openOnly: true)).map(\.id) == ["C-3", "C-2", "C-1"])
        #expect(try store.listCases(CaseFilter(riskBand: "high")).map(\.id) == ["C-4", "C-1"])
        #expect(try store.listCases(CaseFilter(overdueAsOf: F.day(5))).map(\.id) == ["C-1"])
        #expect(try store.listCases(CaseFilter(overdueAsOf: F.day(7))).map(\.id) == ["C-2", "C-1"])
        let c1 = try #require(try store.listCases().first { $0.id == "C-1" })
        #expect(c1.marac == true)
        #expect(c1.nextDeadline == F.day(1))
        #expect(c1.eventCount == 3)
    }

    @Test("Given a caseload, when a report is made as of day 5, then bands, MARAC, referrals, overdue deadlines and outcomes are counted")
    func report() throws {
        let report = try caseload().report(asOf: F.day(5))
        #expect(report.totalCases == 4)
        #expect(report.openCases == 3)
        #expect(report.openByRiskBand == ["high": 1, "medium": 1, "standard": 1])
        #expect(report.allByRiskBand == ["high": 2, "medium": 1, "standard": 1])
        #expect(report.maracReferrals == 1)
        #expect(report.referrals == [
            .init(kind: "idva", consent: "given", status: "ready", count: 1),
            .init(kind: "idva", consent: "not_asked", status: "blocked_no_consent", count: 1),
            .init(kind: "marac", consent: "lawful_basis:risk_to_life", status: "sent", count: 1),
        ])
        #expect(report.referralsSentByKind == ["marac": 1])
        #expect(report.overdueDeadlines.map { "\($0.caseID)/\($0.deadlineID)" } == ["C-1/first_contact", "C-1/marac_referral"])
        #expect(report.outcomes == ["support_complete": 1])
        #expect(report.closureReasons == ["safety_plan_in_place": 1])
    }

    @Test("Given the projection is wiped, when it is rebuilt from the events, then listing and report are the same as before")
    func rebuild() throws {
        let store = try caseload()
        try store.append(IdentificationSignalPayload(propertyRef: "UPRN-1", signal: "welfare_check"), to: PropertySubject.id(forProperty: "UPRN-1"), at: F.day(5))
        let listed = try store.listCases()
        let reported = try store.report(asOf: F.day(5))
        let counts = try F.rowCounts(store)
        try store.writer.write { try $0.execute(sql: "DELETE FROM cases; DELETE FROM property_signals; DELETE FROM referrals_sent") }
        #expect(try store.listCases().isEmpty)

        try store.rebuildProjections()
        #expect(try store.listCases() == listed)
        #expect(try store.report(asOf: F.day(5)) == reported)
        #expect(try F.rowCounts(store) == counts)
    }

    @Test("Given the store behind the protocol, when a caller uses only CaseStore, then it can open, record, close and report")
    func protocolCallers() async throws {
        let store: any CaseStore = try SQLiteCaseStore.inMemory()
        try await store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        try await store.recordConsent(ConsentPayload(partner: "idva", decision: .given, by: "ali"), for: "C-1", at: F.day0)
        try await store.close("C-1", outcome: "support_complete", reason: "safety_plan_in_place", at: F.day(1))
        #expect(try await store.state(for: "C-1").status == .closed)
        #expect(try await store.report(asOf: F.day(2)).closedCases == 1)
        #expect(try await store.verify().isValid)
    }
}
