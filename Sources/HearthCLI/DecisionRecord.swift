import Foundation
import HearthCore
import HearthPlugins
import HearthStore

/// How a plan is recorded in the store: the full plan, the plugin that shaped it, the clock, and the
/// summary fields that listings and reports read.
enum DecisionRecord {
    /// The decision payload for a plan.
    /// - Parameters:
    ///   - plan: The plan the core made.
    ///   - plugin: The plugin it was made under.
    ///   - clock: The clock it was made with.
    ///   - sent: Referrals already sent for the case: they stay recorded as sent whatever the new plan says.
    /// - Throws: `CommandFailure` when the plan cannot be encoded.
    static func payload(plan: Plan, plugin: Plugin, clock: Timestamp, sent: [CaseState.SentReferral]) throws -> DecisionPayload {
        let data: Data
        do { data = try plan.jsonData() } catch { throw CommandFailure("the plan for case '\(plan.caseId)' cannot be recorded: \(error)") }
        let sentKeys = Set(sent.map { "\($0.partner)\u{0}\($0.kind)" })
        return DecisionPayload(
            plan: data, pluginID: plugin.manifest.id, pluginVersion: plugin.manifest.version,
            pluginHash: plugin.identity.contentHash ?? PluginLoader.contentHash(of: plugin.folder), clock: clock.date,
            riskBand: plan.risk.band.rawValue, marac: plan.risk.marac,
            deadlines: plan.deadlines.map { PlannedDeadline(id: $0.id, due: $0.due.date) },
            referrals: plan.referrals.map { referral in
                var planned = planned(referral)
                if sentKeys.contains("\(referral.partner)\u{0}\(referral.kind.rawValue)") { planned.status = "sent" }
                return planned
            })
    }

    /// A referral as listings and reports count it.
    static func planned(_ referral: Referral) -> PlannedReferral {
        PlannedReferral(partner: referral.partner, kind: referral.kind.rawValue, consent: consentText(referral),
                        status: referral.status.rawValue)
    }

    /// The consent status, or the lawful basis that lets the referral go without consent.
    static func consentText(_ referral: Referral) -> String {
        if referral.consent != .given, let basis = referral.basis { return "lawful_basis:\(basis.rawValue)" }
        return referral.consent.rawValue
    }

    /// A referral's standing in words: `ready (consent given)`, `declined (consent withdrawn)` …
    static func standing(_ referral: Referral, sent: Bool = false) -> String {
        var consent = "consent \(referral.consent.rawValue.replacingOccurrences(of: "_", with: " "))"
        if referral.consent != .given, let basis = referral.basis {
            consent = "lawful basis \(basis.rawValue)" + (referral.consent == .notRequired || referral.consent == .notAsked
                ? "" : ", consent \(referral.consent.rawValue)")
        }
        return "\(referral.status.rawValue)\(sent ? ", sent" : "") (\(consent))"
    }
}

/// A short account of a plan for the commands that record one: risk and MARAC, referrals, first deadlines.
enum PlanSummaryText {
    /// The summary, indented by two spaces.
    static func render(_ plan: Plan, sent: [CaseState.SentReferral] = []) -> String {
        var out: [String] = []
        let r = plan.risk
        if plan.emergency.required {
            out.append("  !! IMMEDIATE DANGER: " + plan.emergency.advice.joined(separator: " "))
        }
        out.append("  risk \(r.band.rawValue.uppercased()): DASH \(r.score), MARAC threshold \(r.threshold); MARAC referral: "
                   + (r.marac ? "yes (" + r.criteria.map(\.rawValue).joined(separator: ", ") + ")" : "no"))
        if plan.referrals.isEmpty {
            out.append("  referrals: none")
        } else {
            out.append("  referrals:")
            let width = plan.referrals.map(\.partner.count).max() ?? 0
            for referral in plan.referrals {
                let wasSent = sent.contains { $0.partner == referral.partner && $0.kind == referral.kind.rawValue }
                out.append("    \(referral.partner.padding(toLength: width, withPad: " ", startingAt: 0))  "
                           + "\(referral.kind.rawValue): \(DecisionRecord.standing(referral, sent: wasSent))")
            }
        }
        if let first = plan.deadlines.min(by: { $0.due < $1.due }) {
            out.append("  first deadline: \(first.name) by \(first.due)")
        }
        return out.joined(separator: "\n")
    }

    /// The referrals whose standing differs between two plans, one line each.
    static func changes(from old: Plan?, to new: Plan) -> [String] {
        guard let old else { return [] }
        var lines: [String] = []
        for referral in new.referrals {
            let before = old.referrals.first { $0.partner == referral.partner && $0.kind == referral.kind }
            if let before {
                if before.status != referral.status || before.consent != referral.consent || before.basis != referral.basis {
                    lines.append("\(referral.partner): \(DecisionRecord.standing(before)) → \(DecisionRecord.standing(referral))")
                }
            } else {
                lines.append("\(referral.partner): new referral, \(DecisionRecord.standing(referral))")
            }
        }
        for referral in old.referrals where !new.referrals.contains(where: { $0.partner == referral.partner && $0.kind == referral.kind }) {
            lines.append("\(referral.partner): no longer in the plan (was \(DecisionRecord.standing(referral)))")
        }
        if old.risk.band != new.risk.band || old.risk.marac != new.risk.marac {
            lines.append("risk: \(old.risk.band.rawValue)\(old.risk.marac ? " (MARAC)" : "") → \(new.risk.band.rawValue)\(new.risk.marac ? " (MARAC)" : "")")
        }
        return lines
    }
}
