import ArgumentParser
import Foundation
import HearthCore
import HearthStore

extension CaseCommand {
    /// `hearth case show`: a case's history and its current plan.
    struct Show: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a stored case: every event, oldest first, and the current plan."
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        @Option(help: "Output format: json or text.")
        var format: OutputFormat = .text

        func execute() throws -> String {
            let stored = try StoredCase.load(id, from: try store.openExisting(), db: store.db)
            let plan = try stored.latestPlan()
            switch format {
            case .json: return try StoreJSON.text(StoreJSON.caseObject(stored))
            case .text: return CaseHistoryText.render(stored, plan: plan)
            }
        }
    }

    /// `hearth case list`: the stored cases, newest opened first.
    struct List: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "List stored cases, newest opened first; the filters combine."
        )

        @OptionGroup var store: StoreOptions

        @Flag(help: "Only open cases.")
        var open = false

        @Option(help: "Only cases in this risk band: standard, medium or high.")
        var risk: String?

        @Flag(help: "Only open cases with a deadline already past.")
        var overdue = false

        @Option(help: "The date deadlines are judged against for --overdue (a date or ISO date-time); default: now.")
        var asOf: String?

        @Option(help: "Output format: json or text.")
        var format: OutputFormat = .text

        func validate() throws {
            if let risk, RiskBand(rawValue: risk) == nil {
                throw ValidationError("--risk: expected one of \(RiskBand.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(risk)\"")
            }
        }

        func execute() throws -> String {
            let date = try parseAsOf(asOf)
            let cases = try store.openExisting()
            let summaries: [CaseSummary]
            do {
                summaries = try cases.listCases(CaseFilter(openOnly: open, riskBand: risk, overdueAsOf: overdue ? date : nil))
            } catch {
                throw CommandFailure("\(store.db): \(error)")
            }
            switch format {
            case .json: return try StoreJSON.text(summaries.map(StoreJSON.summaryObject))
            case .text:
                guard !summaries.isEmpty else { return "no cases match" }
                let header = ["case", "status", "plugin", "risk", "MARAC", "next deadline", "opened", "events"]
                let rows = summaries.map { c in
                    [c.id, c.status == .closed ? "closed (\(c.outcome ?? ""))" : "open", c.pluginID, c.riskBand ?? "-",
                     c.marac == true ? "yes" : "no", c.nextDeadline.map { $0.isoText + ($0 < date && c.status == .open ? " OVERDUE" : "") } ?? "-",
                     c.openedAt.isoText, "\(c.eventCount)"]
                }
                return TextTable.render(header, rows) + "\n\(summaries.count) case\(summaries.count == 1 ? "" : "s")"
            }
        }
    }
}

/// A case's history and plan as a caseworker reads them.
enum CaseHistoryText {
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

/// A plain text table with a rule under the header.
enum TextTable {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}

/// JSON output for the store commands (sorted keys, snake_case).
enum StoreJSON {
    static func text(_ object: Any) throws -> String {
        do {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw CommandFailure("the output cannot be written as JSON: \(error)")
        }
    }

    static func json(_ data: Data) -> Any {
        (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) ?? NSNull()
    }

    static func caseObject(_ stored: StoredCase) throws -> [String: Any] {
        let s = stored.state
        var object: [String: Any] = [
            "id": s.id, "status": s.status.rawValue, "opened_at": Timestamp(s.openedAt).description,
            "plugin_id": s.pluginID, "event_count": s.eventCount,
            "events": stored.events.map { event -> [String: Any] in
                var e: [String: Any] = [
                    "seq": event.seq, "at": Timestamp(event.at).description, "kind": event.kind.rawValue,
                    "payload": json(event.payload), "hash": event.hash,
                ]
                if let by = event.recordedBy { e["recorded_by"] = by }
                return e
            },
            "referrals_sent": s.referralsSent.map {
                ["partner": $0.partner, "kind": $0.kind, "consent": $0.consent, "at": Timestamp($0.at).description, "seq": $0.seq] as [String: Any]
            },
            "consent": Dictionary(uniqueKeysWithValues: s.consent.map { ($0.key, $0.value.decision.rawValue) }),
        ]
        if let band = s.riskBand { object["risk_band"] = band }
        if let marac = s.marac { object["marac"] = marac }
        if let version = stored.opened.pluginVersion { object["plugin_version"] = version }
        if let folder = stored.opened.pluginFolder { object["plugin_folder"] = folder }
        if s.status == .closed {
            object["closed_at"] = s.closedAt.map { Timestamp($0).description } ?? NSNull()
            object["outcome"] = s.closedOutcome ?? NSNull()
            object["closure_reason"] = s.closedReason ?? NSNull()
        }
        if let decision = stored.latestDecision {
            object["plan"] = json(decision.payload.plan)
            object["plan_decided_by"] = [
                "plugin_id": decision.payload.pluginID, "plugin_version": decision.payload.pluginVersion,
                "plugin_hash": decision.payload.pluginHash, "clock": Timestamp(decision.payload.clock).description,
                "seq": decision.event.seq,
            ] as [String: Any]
        } else {
            object["plan"] = NSNull()
        }
        return object
    }

    static func summaryObject(_ c: CaseSummary) -> [String: Any] {
        var object: [String: Any] = [
            "id": c.id, "status": c.status.rawValue, "plugin_id": c.pluginID, "opened_at": Timestamp(c.openedAt).description,
            "event_count": c.eventCount, "last_event_at": Timestamp(c.lastEventAt).description,
        ]
        object["area"] = c.area ?? NSNull()
        object["risk_band"] = c.riskBand ?? NSNull()
        object["marac"] = c.marac ?? NSNull()
        object["next_deadline"] = c.nextDeadline.map { Timestamp($0).description } ?? NSNull()
        if c.status == .closed {
            object["closed_at"] = c.closedAt.map { Timestamp($0).description } ?? NSNull()
            object["outcome"] = c.outcome ?? NSNull()
        }
        return object
    }
}
