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
