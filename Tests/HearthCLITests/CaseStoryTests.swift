import Foundation
import HearthStore
import Testing

/// A Cross Keys Homes case in Cambridgeshire from opening to closing, then the audit trail checked and tampered with.
@Suite("A case's story: open, consent withdrawn and given, referrals, close, report, audit")
struct CaseStoryTests {
    @Test("""
        Given Cross Keys Homes' Cambridgeshire MARAC threshold of 17 and a DASH of 17 with consent to the specialist service, \
        when the case is worked from opening to closing, then every step is recorded, the report counts it \
        and the audit trail verifies until the file is tampered with
        """)
    func wholeStory() throws {
        let f = try CLIFixture()
        defer { f.remove() }
        let caseFile = try f.crossKeysCase(id: "CKH-2025-0317", dash: 17)
        let plugin = CLIFixture.crossKeysHomes

        // Open: DASH 17 meets the Cambridgeshire threshold of 17, so MARAC; the specialist service has consent.
        let opened = f.store("case", "open", "--plugin", plugin, caseFile, "--by", "ali", "--now", "2025-03-04T10:00:00Z")
        #expect(opened.status == 0, "\(opened.error)")
        #expect(opened.output.contains("opened case CKH-2025-0317 under cross_keys_homes"))
        #expect(opened.output.contains("risk HIGH: DASH 17, MARAC threshold 17; MARAC referral: yes (visible_high_risk)"))
        let openingEvents = try f.events("CKH-2025-0317")
        #expect(openingEvents.map(\.kind) == [.caseOpened, .decisionMade])
        let openedPayload = try openingEvents[0].decode(CaseOpenedPayload.self)
        #expect(openedPayload.pluginID == "cross_keys_homes")
        #expect(openedPayload.pluginFolder == plugin)
        #expect(openedPayload.pluginHash?.hasPrefix("sha256:") == true)
        let firstDecision = try openingEvents[1].decode(DecisionPayload.self)
        #expect(firstDecision.pluginHash == openedPayload.pluginHash)
        #expect(firstDecision.clock == ISO8601DateFormatter().date(from: "2025-03-04T10:00:00Z"))
        #expect(firstDecision.marac == true)
        #expect(try f.plannedReferral("CKH-2025-0317", "area_high_risk_service")?["status"] as? String == "ready")

        // Decide again: nothing has changed.
        let decided = f.store("case", "decide", "CKH-2025-0317", "--plugin", plugin, "--now", "2025-03-04T11:00:00Z")
        #expect(decided.status == 0, "\(decided.error)")
        #expect(decided.output.contains("no change from the previous plan"))

        // Consent withdrawn for the specialist service: audited, and the plan changes with it.
        let withdrawn = f.store("case", "consent", "CKH-2025-0317", "--partner", "area_high_risk_service", "--withdrawn",
                                "--by", "ali", "--plugin", plugin, "--now", "2025-03-05T09:00:00Z")
        #expect(withdrawn.status == 0, "\(withdrawn.error)")
        #expect(withdrawn.output.contains("area_high_risk_service (specialist): declined (consent withdrawn)"))
        let redecided = f.store("case", "decide", "CKH-2025-0317", "--plugin", plugin, "--now", "2025-03-05T09:05:00Z")
        #expect(redecided.status == 0, "\(redecided.error)")
        let afterWithdrawal = try #require(try f.plannedReferral("CKH-2025-0317", "area_high_risk_service"))
        #expect(afterWithdrawal["status"] as? String == "declined")
        #expect(afterWithdrawal["consent"] as? String == "withdrawn")

        // Sending it now is refused, and nothing is written.
        let before = try f.eventCount()
        let refused = f.store("case", "referral", "CKH-2025-0317", "--partner", "area_high_risk_service", "--sent",
                              "--by", "ali", "--now", "2025-03-05T09:10:00Z")
        #expect(refused.status == 1)
        #expect(refused.error.contains("area_high_risk_service"))
        #expect(refused.error.contains("declined (consent withdrawn)"))
        #expect(try f.eventCount() == before)

        // Consent given again, by kind this time: the referral is ready and can be sent.
        let given = f.store("case", "consent", "CKH-2025-0317", "--partner", "specialist", "--given",
                            "--by", "ali", "--plugin", plugin, "--now", "2025-03-06T09:00:00Z")
        #expect(given.status == 0, "\(given.error)")
        #expect(given.output.contains("area_high_risk_service (specialist): ready (consent given)"))
        let sent = f.store("case", "referral", "CKH-2025-0317", "--partner", "area_high_risk_service", "--sent",
                           "--by", "ali", "--reference", "SDA-991", "--now", "2025-03-06T09:10:00Z")
        #expect(sent.status == 0, "\(sent.error)")
        #expect(sent.output.contains("with consent"))

        // MARAC goes without consent under the lawful basis for high risk, and says so.
        let marac = f.store("case", "referral", "CKH-2025-0317", "--partner", "marac", "--sent",
                            "--by", "sam", "--now", "2025-03-06T09:15:00Z")
        #expect(marac.status == 0, "\(marac.error)")
        #expect(marac.output.contains("without consent, under the lawful basis marac_high_risk"))

        let shared = try f.events("CKH-2025-0317").filter { $0.kind == .informationShared }
            .map { try $0.decode(InformationSharedPayload.self) }
        #expect(shared.count == 2)
        #expect(shared[0].sharedBy == "ali" && shared[0].consent && shared[0].lawfulBasis == nil)
        #expect(shared[0].recipient.contains("area_high_risk_service"))
        #expect(shared[1].sharedBy == "sam" && !shared[1].consent && shared[1].lawfulBasis == "marac_high_risk")
        #expect(!shared[1].reason.isEmpty && !shared[1].what.isEmpty)

        // Close with Cross Keys Homes' closure reason.
        let closed = f.store("case", "close", "CKH-2025-0317", "--outcome", "handoff_declined",
                             "--reason", "Survivor declined further support after the referrals", "--by", "ali",
                             "--plugin", plugin, "--now", "2025-03-20T12:00:00Z")
        #expect(closed.status == 0, "\(closed.error)")

        // The report counts the case.
        let report = f.store("report", "--format", "json", "--as-of", "2025-03-21")
        #expect(report.status == 0, "\(report.error)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        #expect(counts["cases"] as? [String: Int] == ["total": 1, "open": 0, "closed": 1])
        #expect(counts["all_by_risk_band"] as? [String: Int] == ["high": 1])
        #expect(counts["marac_referrals"] as? Int == 1)
        #expect(counts["referrals_sent_by_kind"] as? [String: Int] == ["marac": 1, "specialist": 1])
        #expect(counts["outcomes"] as? [String: Int] == ["handoff_declined": 1])
        let referrals = try #require(counts["referrals"] as? [[String: Any]])
        #expect(referrals.contains { $0["kind"] as? String == "specialist" && $0["consent"] as? String == "given" && $0["status"] as? String == "sent" })
        #expect(referrals.contains { $0["kind"] as? String == "police" && $0["status"] as? String == "awaiting_consent" })

        // The history: 2 opening + 1 decide + 2 consent + 1 decide + 2 consent + 2 + 2 referrals + 1 close.
        let history = try f.events("CKH-2025-0317")
        #expect(history.map(\.kind) == [
            .caseOpened, .decisionMade, .decisionMade, .consentRecorded, .decisionMade, .decisionMade,
            .consentRecorded, .decisionMade, .referralSent, .informationShared, .referralSent, .informationShared, .caseClosed,
        ])
        let verified = f.store("audit", "verify")
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.hasPrefix("ok: 13 events verified"))

        // Tamper: make the specialist referral look as if it went under a lawful basis.
        let referralSeq = try #require(history.first { $0.kind == .referralSent }?.seq)
        try f.tamper("""
            UPDATE events SET payload = replace(payload, '"consent":"given"', '"consent":"lawful_basis:legal_duty"')
            WHERE seq = \(referralSeq)
            """)
        let tampered = f.store("audit", "verify")
        #expect(tampered.status == 1)
        #expect(tampered.error.contains("does not verify at event \(referralSeq): changed"))
        #expect(tampered.error.contains("event \(referralSeq) ('referral_sent' in 'CKH-2025-0317') was changed"))
    }

    @Test("Given the case's plugin was edited after the last decision, when the case is decided again, then the output says the policy changed and the new hash is recorded")
    func policyChangeIsReported() throws {
        let f = try CLIFixture()
        defer { f.remove() }
        let copy = f.folder.appendingPathComponent("cross_keys_homes")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLIFixture.crossKeysHomes), to: copy)
        let caseFile = try f.crossKeysCase(id: "CKH-2025-0400", dash: 17)
        #expect(f.store("case", "open", "--plugin", copy.path, caseFile, "--by", "ali", "--now", "2025-03-04T10:00:00Z").status == 0)

        let same = f.store("case", "decide", "CKH-2025-0400", "--plugin", copy.path, "--now", "2025-03-04T11:00:00Z")
        #expect(same.status == 0, "\(same.error)")
        #expect(!same.output.contains("policy change"))

        let initFile = copy.appendingPathComponent("init.lua")
        let source = try String(contentsOf: initFile, encoding: .utf8)
        try (source + "\n-- reviewed by the policy team\n").write(to: initFile, atomically: true, encoding: .utf8)
        let changed = f.store("case", "decide", "CKH-2025-0400", "--plugin", copy.path, "--now", "2025-03-05T10:00:00Z")
        #expect(changed.status == 0, "\(changed.error)")
        #expect(changed.output.contains("policy change: plugin 'cross_keys_homes' is now version"))

        let decisions = try f.events("CKH-2025-0400").filter { $0.kind == .decisionMade }.map { try $0.decode(DecisionPayload.self) }
        #expect(decisions.count == 3)
        #expect(decisions[1].pluginHash == decisions[0].pluginHash)
        #expect(decisions[2].pluginHash != decisions[1].pluginHash)
    }

    @Test("Given Cross Keys Homes' threshold of 17 in Cambridgeshire, when DASH 16 and DASH 17 cases are opened, then only the 17 is high risk and listed as such")
    func thresholdAndListing() throws {
        let f = try CLIFixture()
        defer { f.remove() }
        let sixteen = f.store("case", "open", "--plugin", CLIFixture.crossKeysHomes, try f.crossKeysCase(id: "CKH-16", dash: 16),
                              "--by", "ali", "--now", "2025-03-04T10:00:00Z")
        #expect(sixteen.status == 0, "\(sixteen.error)")
        #expect(sixteen.output.contains("MARAC referral: no"))
        let seventeen = f.store("case", "open", "--plugin", CLIFixture.crossKeysHomes, try f.crossKeysCase(id: "CKH-17", dash: 17),
                                "--by", "ali", "--now", "2025-03-04T11:00:00Z")
        #expect(seventeen.status == 0, "\(seventeen.error)")

        let high = f.store("case", "list", "--risk", "high", "--format", "json")
        let highCases = try #require(try JSONSerialization.jsonObject(with: Data(high.output.utf8)) as? [[String: Any]])
        #expect(highCases.map { $0["id"] as? String } == ["CKH-17"])

        let all = f.store("case", "list", "--open")
        #expect(all.output.contains("CKH-16") && all.output.contains("CKH-17") && all.output.contains("2 cases"))

        // Cross Keys Homes gives itself until 16:30 on the day of the report to open the case: overdue a day later.
        let overdue = f.store("case", "list", "--overdue", "--as-of", "2025-03-05T12:00:00Z", "--format", "json")
        let overdueCases = try #require(try JSONSerialization.jsonObject(with: Data(overdue.output.utf8)) as? [[String: Any]])
        #expect(overdueCases.count == 2)
        let early = f.store("case", "list", "--overdue", "--as-of", "2025-03-04T12:00:00Z")
        #expect(early.output == "no cases match")

        let report = f.store("report", "--as-of", "2025-03-05T12:00:00Z", "--format", "json")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        #expect(counts["open_by_risk_band"] as? [String: Int] == ["high": 1, "medium": 1])
        #expect(counts["marac_referrals"] as? Int == 1)
        let overdueDeadlines = try #require(counts["overdue_deadlines"] as? [[String: String]])
        #expect(Set(overdueDeadlines.compactMap { $0["case_id"] }) == ["CKH-16", "CKH-17"])
        let reportText = f.store("report", "--as-of", "2025-03-05T12:00:00Z")
        #expect(reportText.output.contains("cases: 2 (open 2, closed 0)"))
        #expect(reportText.output.contains("OVERDUE DEADLINES (open cases): \(overdueDeadlines.count)"))

        let text = f.store("case", "show", "CKH-17")
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("HISTORY (2 events)"))
        #expect(text.output.contains("RISK   HIGH   DASH 17   MARAC threshold 17"))
    }
}
