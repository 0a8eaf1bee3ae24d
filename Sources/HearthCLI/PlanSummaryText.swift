import HearthCore
import HearthStore

/// A short account of a plan for the commands that record one: risk and MARAC, referrals, first deadlines.
enum PlanSummaryText {
    /// The summary, indented by two spaces; referrals already sent say so.
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
