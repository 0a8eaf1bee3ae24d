import Foundation
import HearthCore
import HearthStore

/// A case's history and plan as a caseworker reads them.
enum CaseHistoryText {
    /// The header, the history one event a line with what it says, the referrals sent and the current plan in full.
    static func render(_ stored: StoredCase, plan: Plan?) -> String {
        let s = stored.state
        var out: [String] = []
        var head = "CASE \(s.id)   \(s.status.rawValue)   plugin \(s.pluginID)"
        if let version = stored.opened.pluginVersion { head += " \(version)" }
        head += "   opened \(Timestamp(s.openedAt))"
        out.append(head)
        if s.status == .closed {
            out.append("closed \(s.closedAt.map { Timestamp($0).description } ?? "") with outcome '\(s.closedOutcome ?? "")': \(s.closedReason ?? "")")
        }
        out.append("")
        out.append("HISTORY (\(s.eventCount) event\(s.eventCount == 1 ? "" : "s"))")
        for event in stored.events {
            let by = event.recordedBy.map { "  by \($0)" } ?? ""
            out.append("  #\(event.seq)  \(Timestamp(event.at))  \(event.kind.rawValue)\(by)")
            if let detail = EventText.detail(event) { out.append("        \(detail)") }
        }
        if !s.referralsSent.isEmpty {
            out.append("")
            out.append("REFERRALS SENT")
            for sent in s.referralsSent {
                out.append("  \(sent.partner) (\(sent.kind)) \(Timestamp(sent.at)), \(sent.consent)  [event \(sent.seq)]")
            }
        }
        out.append("")
        if let plan, let identity = s.latestPlanPlugin {
            out.append("CURRENT PLAN   decided \(Timestamp(identity.clock)) under \(identity.id) \(identity.version) (\(short(identity.hash)))")
            out.append(PlanText.render(plan))
        } else {
            out.append("CURRENT PLAN   none yet: run 'hearth case decide \(s.id)'")
        }
        return out.joined(separator: "\n")
    }
}

/// One line about what an event says, for histories.
enum EventText {
    /// What the event's payload says in one line, or nil for kinds with nothing to add.
    static func detail(_ event: StoredEvent) -> String? {
        switch event.kind {
        case .caseOpened:
            guard let p = try? event.decode(CaseOpenedPayload.self) else { return nil }
            return "under \(p.pluginID)\(p.pluginVersion.map { " \($0)" } ?? "")\(p.pluginFolder.map { " from \($0)" } ?? "")"
                + (p.area.map { ", area \($0)" } ?? "")
        case .decisionMade:
            guard let p = try? event.decode(DecisionPayload.self) else { return nil }
            let ready = p.referrals.filter { $0.status == "ready" }.map(\.partner)
            let waiting = p.referrals.filter { $0.status != "ready" && $0.status != "sent" }.map { "\($0.partner) \($0.status)" }
            return "risk \(p.riskBand ?? "?")\(p.marac == true ? ", MARAC" : ""); \(p.pluginID) \(p.pluginVersion) (\(short(p.pluginHash)))"
                + "; ready: \(ready.isEmpty ? "none" : ready.joined(separator: ", "))"
                + (waiting.isEmpty ? "" : "; not ready: " + waiting.joined(separator: ", "))
        case .consentRecorded:
            guard let p = try? event.decode(ConsentPayload.self) else { return nil }
            return "\(p.partner): \(p.decision.rawValue)\(p.note.map { " — \($0)" } ?? "")"
        case .referralSent:
            guard let p = try? event.decode(ReferralSentPayload.self) else { return nil }
            return "\(p.partner) (\(p.kind)), \(p.consent)\(p.reference.map { ", reference \($0)" } ?? "")"
        case .informationShared:
            guard let p = try? event.decode(InformationSharedPayload.self) else { return nil }
            let basis = p.consent ? "with consent" : "lawful basis \(p.lawfulBasis ?? "?")"
            return "to \(p.recipient) by \(p.sharedBy), \(basis): \(p.what.joined(separator: "; ")) — \(p.reason)"
        case .caseClosed:
            guard let p = try? event.decode(ClosedPayload.self) else { return nil }
            return "outcome \(p.outcome): \(p.reason)"
        case .caseReopened:
            return (try? event.decode(ReopenedPayload.self)).map(\.reason)
        case .noteAdded:
            return (try? event.decode(NotePayload.self)).map(\.text)
        default:
            return nil
        }
    }
}
