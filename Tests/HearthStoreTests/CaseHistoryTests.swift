import Foundation
import HearthStore
import Testing

@Suite("Case history: events in, state out")
struct CaseHistoryTests {
    typealias F = StoreFixtures

    @Test("Given a new store, when a case is opened, then it is open with one event and the chain starts at genesis")
    func openingACase() throws {
        let store = try SQLiteCaseStore.inMemory()
        let event = try store.openCase("C-123", at: F.day0, recordedBy: "caseworker.ali", payload: F.opened("C-123"))

        #expect(event.seq == 1)
        #expect(event.prevHash == AuditChain.genesisHash)
        #expect(event.hash.count == 64)
        let state = try store.state(for: "C-123")
        #expect(state.status == .open)
        #expect(state.openedAt == F.day0)
        #expect(state.pluginID == "eastleigh")
        #expect(state.eventCount == 1)
        let document = try JSONSerialization.jsonObject(with: state.caseDocument) as? [String: Any]
        #expect(document?["id"] as? String == "C-123")
    }

    @Test("Given consent given then withdrawn for the IDVA, when the state is derived, then the latest decision counts")
    func consentPerPartner() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        try store.recordConsent(ConsentPayload(partner: "idva", decision: .given, by: "caseworker.ali"), for: "C-1", at: F.day(0, hour: 1))
        try store.recordConsent(ConsentPayload(partner: "marac", decision: .refused, by: "caseworker.ali"), for: "C-1", at: F.day(0, hour: 2))
        try store.recordConsent(ConsentPayload(partner: "idva", decision: .withdrawn, by: "team.lead"), for: "C-1", at: F.day(1))

        let state = try store.state(for: "C-1")
        #expect(state.consent(for: "idva") == .withdrawn)
        #expect(state.consent["idva"]?.by == "team.lead")
        #expect(state.consent(for: "marac") == .refused)
        #expect(state.consent(for: "police") == nil)
        let events = try store.events(for: "C-1")
        #expect(events.map(\.kind) == [.caseOpened, .consentRecorded, .consentRecorded, .consentRecorded])
        #expect(events[3].recordedBy == "team.lead")
        #expect(try events[3].decode(ConsentPayload.self).decision == .withdrawn)
    }

    @Test("Given a decision with a plan, when the state is derived, then the plan, its plugin, band, MARAC flag and deadlines are there")
    func decisionSummary() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1", band: "standard"))
        let decision = F.decision(
            band: "high", marac: true,
            deadlines: [PlannedDeadline(id: "first_contact", due: F.day(1)), PlannedDeadline(id: "marac_referral", due: F.day(2))],
            referrals: [PlannedReferral(partner: "hampshire_marac", kind: "marac", consent: "lawful_basis:risk_to_life", status: "ready")])
        try store.append(decision, to: "C-1", at: F.day(0, hour: 1), recordedBy: "caseworker.ali")
        try store.append(
            ReferralSentPayload(partner: "hampshire_marac", kind: "marac", consent: "lawful_basis:risk_to_life", reason: "visible high risk"),
            to: "C-1", at: F.day(0, hour: 2))

        let state = try store.state(for: "C-1")
        #expect(state.riskBand == "high")
        #expect(state.marac == true)
        #expect(state.deadlines.map(\.id) == ["first_contact", "marac_referral"])
        #expect(state.latestPlanPlugin?.version == "1.2.0")
        #expect(state.latestPlanPlugin?.clock == F.day0)
        #expect(state.referralsSent.map(\.partner) == ["hampshire_marac"])
        let plan = try #require(state.latestPlan)
        #expect(String(decoding: plan, as: UTF8.self) == #"{"risk":{"band":"high"},"steps":[{"rule":"daa2021.s1.age","text":"in scope"}]}"#)
        #expect(state.overdueDeadlines(asOf: F.day(1, hour: 12)).map(\.id) == ["first_contact"])
        let stored = try store.events(for: "C-1")[1]
        #expect(try stored.decode(DecisionPayload.self) == DecisionPayload(
            plan: plan, pluginID: decision.pluginID, pluginVersion: decision.pluginVersion,
            pluginHash: decision.pluginHash, clock: decision.clock, riskBand: "high", marac: true,
            deadlines: decision.deadlines, referrals: decision.referrals))
    }

    @Test("Given a case closed then reopened, when the state is derived, then it is open again and counts the reopening")
    func closeAndReopen() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        try store.close("C-1", outcome: "support_complete", reason: "safety_plan_in_place", at: F.day(10))
        #expect(try store.state(for: "C-1").closedOutcome == "support_complete")
        #expect(try store.state(for: "C-1").closedReason == "safety_plan_in_place")
        try store.append(ReopenedPayload(reason: "new incident reported"), to: "C-1", at: F.day(20))

        let state = try store.state(for: "C-1")
        #expect(state.status == .open)
        #expect(state.reopenedCount == 1)
        #expect(state.closedAt == nil)
        #expect(try store.listCases(CaseFilter(openOnly: true)).map(\.id) == ["C-1"])
    }

    @Test("Given every kind of event, when each is appended with its typed payload, then each reads back the same")
    func everyKindRoundTrips() throws {
        let store = try SQLiteCaseStore.inMemory()
        try store.openCase("C-1", at: F.day0, payload: F.opened("C-1"))
        try store.append(DisclosurePayload(summary: "pushed down the stairs", disclosedBy: "victim", channel: "repairs_visit"), to: "C-1", at: F.day(0, hour: 1))
        try store.append(DashCompletedPayload(answers: ["q1_injured": "yes", "q2_frightened": "yes", "q3_afraid_of_what": "being killed"], score: 14, completedBy: "idva.sam"), to: "C-1", at: F.day(0, hour: 2))
        try store.append(ProfessionalJudgementPayload(riskBand: "high", marac: true, reason: "escalating threats", by: "idva.sam"), to: "C-1", at: F.day(0, hour: 3))
        try store.append(MeasureOrderedPayload(measure: "door_chain", provider: "target_hardening_ltd"), to: "C-1", at: F.day(0, hour: 4))
        try store.append(MeasureFittedPayload(measure: "door_chain"), to: "C-1", at: F.day(2))
        try store.append(HousingActionPayload(action: "management_transfer", detail: "band A"), to: "C-1", at: F.day(3))
        try store.append(PerpetratorActionPayload(action: "tenancy_warning"), to: "C-1", at: F.day(3))
        try store.append(InformationSharedPayload(sharedBy: "caseworker.ali", what: ["dash_answers"], recipient: "hampshire_marac", sharedAt: F.day(3), consent: false, lawfulBasis: "crime_and_disorder_act_1998_s115", reason: "risk to life"), to: "C-1", at: F.day(3))
        try store.append(IdentificationSignalPayload(propertyRef: "UPRN-100", signal: "repeat_repairs_door", details: ["count": "3"]), to: "C-1", at: F.day(4))

        let events = try store.events(for: "C-1")
        #expect(events.count == 10)
        #expect(try events[2].decode(DashCompletedPayload.self).answers["q3_afraid_of_what"] == "being killed")
        #expect(try events[8].decode(InformationSharedPayload.self).lawfulBasis == "crime_and_disorder_act_1998_s115")
        #expect(try store.state(for: "C-1").latestDash?.score == 14)
        #expect(try store.propertySignals(for: "UPRN-100").map(\.caseID) == ["C-1"])
        #expect(throws: StoreError.self) { try events[1].decode(NotePayload.self) }
    }

    @Test("Given a welfare-check flag for a property with no case, when it is recorded, then the property has the signal and no case appears")
    func propertySignalWithoutCase() throws {
        let store = try SQLiteCaseStore.inMemory()
        let subject = PropertySubject.id(forProperty: "UPRN-200")
        try store.append(IdentificationSignalPayload(propertyRef: "UPRN-200", signal: "welfare_check"), to: subject, at: F.day0)

        let signals = try store.propertySignals(for: "UPRN-200")
        #expect(signals.count == 1)
        #expect(signals[0].caseID == nil)
        #expect(try store.listCases().isEmpty)
        #expect(try store.events(for: subject).count == 1)
        #expect(try store.verify().isValid)
    }

    @Test("Given payloads in any key order, when they are stored, then the JSON has sorted keys")
    func canonicalPayloads() throws {
        let payload = try CanonicalJSON.encode(ConsentPayload(partner: "idva", decision: .given, by: "ali"))
        #expect(String(decoding: payload, as: UTF8.self) == #"{"by":"ali","decision":"given","partner":"idva"}"#)
        let canonical = try CanonicalJSON.canonicalize(Data(#"{ "z": 1, "a": {"y": true, "b": [2, 1.5]} }"#.utf8))
        #expect(String(decoding: canonical, as: UTF8.self) == #"{"a":{"b":[2,1.5],"y":true},"z":1}"#)
    }
}
