import Foundation
import HearthCore
import HearthStore

/// JSON output for the store commands (sorted keys, snake_case).
enum StoreJSON {
    /// Pretty-printed JSON with sorted keys.
    static func text(_ object: Any) throws -> String {
        do {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw CommandFailure("the output cannot be written as JSON: \(error)")
        }
    }

    /// A stored JSON document as a value to embed in the output.
    static func json(_ data: Data) -> Any {
        (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) ?? NSNull()
    }

    /// A case: its state, every event with its payload, the referrals sent and the current plan.
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

    /// One case of a list.
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
