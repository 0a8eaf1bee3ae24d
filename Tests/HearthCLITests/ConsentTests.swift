import Foundation
import HearthStore
import Testing

/// Consent is live: each decision changes the next plan, is audited, and never unsends a referral.
@Suite("Consent: recorded, applied to the next plan, and never rewriting what was sent")
struct ConsentTests {
    /// A store with one open Cross Keys Homes case, DASH 17 in Cambridgeshire, consent given to the specialist service.
    private func openedCase(_ id: String = "CKH-1") throws -> CLIFixture {
        let f = try CLIFixture()
        let opened = f.store("case", "open", "--plugin", CLIFixture.crossKeysHomes, try f.crossKeysCase(id: id, dash: 17),
                             "--by", "ali", "--now", "2025-03-04T10:00:00Z")
        #expect(opened.status == 0, "\(opened.error)")
        return f
    }

    @Test("Given the specialist referral was sent, when consent is withdrawn, then the plan declines it but it stays recorded as sent")
    func sentReferralStaysSent() throws {
        let f = try openedCase()
        defer { f.remove() }
        let plugin = CLIFixture.crossKeysHomes
        #expect(f.store("case", "referral", "CKH-1", "--partner", "area_high_risk_service", "--sent", "--by", "ali",
                        "--now", "2025-03-04T12:00:00Z").status == 0)
        let withdrawn = f.store("case", "consent", "CKH-1", "--partner", "area_high_risk_service", "--withdrawn", "--by", "ali",
                                "--note", "does not want further contact from the service", "--plugin", plugin, "--now", "2025-03-05T09:00:00Z")
        #expect(withdrawn.status == 0, "\(withdrawn.error)")
        #expect(withdrawn.output.contains("declined (consent withdrawn)"))
        #expect(withdrawn.output.contains("already sent"))

        let shown = try f.shownCase("CKH-1")
        let sent = try #require(shown["referrals_sent"] as? [[String: Any]])
        #expect(sent.map { $0["partner"] as? String } == ["area_high_risk_service"])
        #expect(try f.plannedReferral("CKH-1", "area_high_risk_service")?["status"] as? String == "declined")

        let latest = try #require(try f.events("CKH-1").last { $0.kind == .decisionMade }).decode(DecisionPayload.self)
        let summary = try #require(latest.referrals.first { $0.partner == "area_high_risk_service" })
        #expect(summary.status == "sent")
        #expect(summary.consent == "withdrawn")
        let consent = try #require(try f.events("CKH-1").last { $0.kind == .consentRecorded }).decode(ConsentPayload.self)
        #expect(consent == ConsentPayload(partner: "area_high_risk_service", decision: .withdrawn, by: "ali",
                                          note: "does not want further contact from the service"))

        let again = f.store("case", "referral", "CKH-1", "--partner", "area_high_risk_service", "--sent", "--by", "ali")
        #expect(again.status == 1)
    }

    @Test("Given consent refused for the MARAC partner, when the case is decided, then MARAC still goes at DASH 17 under the lawful basis for high risk")
    func maracOverridesRefusal() throws {
        let f = try openedCase()
        defer { f.remove() }
        let refused = f.store("case", "consent", "CKH-1", "--partner", "marac", "--refused", "--by", "ali",
                              "--plugin", CLIFixture.crossKeysHomes, "--now", "2025-03-04T11:00:00Z")
        #expect(refused.status == 0, "\(refused.error)")
        let marac = try #require(try f.plannedReferral("CKH-1", "marac"))
        #expect(marac["status"] as? String == "ready")
        #expect(marac["consent"] as? String == "refused")
        #expect(marac["basis"] as? String == "marac_high_risk")
    }

    @Test("Given consent to the police given and then refused by kind, when the case is decided, then the later decision wins")
    func laterKindDecisionWins() throws {
        let f = try openedCase()
        defer { f.remove() }
        let plugin = CLIFixture.crossKeysHomes
        #expect(f.store("case", "consent", "CKH-1", "--partner", "police", "--given", "--by", "ali", "--plugin", plugin,
                        "--now", "2025-03-04T11:00:00Z").status == 0)
        #expect(try f.plannedReferral("CKH-1", "police")?["status"] as? String == "ready")
        // The case file's own "specialist": "given" is overridden by a later refusal for the kind.
        #expect(f.store("case", "consent", "CKH-1", "--partner", "specialist", "--refused", "--by", "ali", "--plugin", plugin,
                        "--now", "2025-03-04T12:00:00Z").status == 0)
        #expect(try f.plannedReferral("CKH-1", "area_high_risk_service")?["consent"] as? String == "refused")
        #expect(try f.plannedReferral("CKH-1", "police")?["status"] as? String == "ready")
        let decided = f.store("case", "decide", "CKH-1", "--plugin", plugin, "--now", "2025-03-04T13:00:00Z")
        #expect(decided.status == 0)
        #expect(try f.plannedReferral("CKH-1", "area_high_risk_service")?["status"] as? String == "declined")
    }

    @Test("Given consent was withdrawn outside the command after the last plan, when the referral is recorded as sent, then it is refused until the case is decided again")
    func staleplanIsRefused() throws {
        let f = try openedCase()
        defer { f.remove() }
        let store = try SQLiteCaseStore.open(f.db)
        try store.recordConsent(ConsentPayload(partner: "area_high_risk_service", decision: .withdrawn, by: "import"),
                                for: "CKH-1", at: Date(timeIntervalSince1970: 1_741_086_000))
        let before = try f.eventCount()
        let refused = f.store("case", "referral", "CKH-1", "--partner", "area_high_risk_service", "--sent", "--by", "ali")
        #expect(refused.status == 1)
        #expect(refused.error.contains("after the current plan"))
        #expect(refused.error.contains("hearth case decide CKH-1"))
        #expect(try f.eventCount() == before)
    }

    @Test("Given two people recorded at once and the newest plan missed a withdrawal, when the referral is recorded as sent, then it is refused")
    func planMissingAWithdrawalIsRefused() throws {
        let f = try openedCase()
        defer { f.remove() }
        let store = try SQLiteCaseStore.open(f.db)
        let stalePlan = try #require(try f.events("CKH-1").last { $0.kind == .decisionMade }).decode(DecisionPayload.self)
        let at = Date(timeIntervalSince1970: 1_741_086_000)
        try store.recordConsent(ConsentPayload(partner: "specialist", decision: .withdrawn, by: "sam"), for: "CKH-1", at: at)
        try store.append(stalePlan, to: "CKH-1", at: at.addingTimeInterval(1), recordedBy: "ali")

        let before = try f.eventCount()
        let refused = f.store("case", "referral", "CKH-1", "--partner", "area_high_risk_service", "--sent", "--by", "ali")
        #expect(refused.status == 1)
        #expect(refused.error.contains("the consent recorded for it is withdrawn (event 3)"))
        #expect(try f.eventCount() == before)
    }

    @Test("Given a case closed with Cross Keys Homes' reason, when consent is withdrawn, then it is recorded but no new plan is made")
    func consentOnClosedCase() throws {
        let f = try openedCase()
        defer { f.remove() }
        let plugin = CLIFixture.crossKeysHomes
        #expect(f.store("case", "close", "CKH-1", "--outcome", "handoff_declined", "--reason", "declined", "--plugin", plugin).status == 0)
        let withdrawn = f.store("case", "consent", "CKH-1", "--partner", "specialist", "--withdrawn", "--by", "ali", "--plugin", plugin)
        #expect(withdrawn.status == 0, "\(withdrawn.error)")
        #expect(withdrawn.output.contains("the case is closed, so no new plan was made"))
        #expect(try f.events("CKH-1").map(\.kind).suffix(2) == [.caseClosed, .consentRecorded])
    }

    @Test("Given a case opened under a plugin copied to another folder, when it is decided without --plugin, then plugins/<id> is looked for and the error names the recorded folder")
    func defaultPluginFolder() throws {
        let f = try CLIFixture()
        defer { f.remove() }
        let copy = f.folder.appendingPathComponent("northshire")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLIFixture.crossKeysHomes), to: copy)
        let manifest = copy.appendingPathComponent("manifest.lua")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: #"id = "cross_keys_homes""#, with: #"id = "northshire""#)
            .write(to: manifest, atomically: true, encoding: .utf8)
        let opened = f.store("case", "open", "--plugin", copy.path, try f.crossKeysCase(id: "NS-1", dash: 17), "--by", "ali")
        #expect(opened.status == 0, "\(opened.error)")

        let before = try f.eventCount()
        let decided = f.store("case", "decide", "NS-1")
        #expect(decided.status == 1)
        #expect(decided.error.contains("plugins/northshire"))
        #expect(decided.error.contains("--plugin DIR (the case was opened with the folder '\(copy.path)')"))
        #expect(try f.eventCount() == before)
    }
}
