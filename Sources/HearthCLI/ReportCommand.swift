import ArgumentParser
import Foundation
import HearthCore
import HearthStore

/// `hearth report`: counts across all stored cases for managers and MARAC coordinators.
struct ReportCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Counts across all cases: risk bands, MARAC, referrals, overdue deadlines, outcomes and closure reasons."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: json or text.")
    var format: OutputFormat = .text

    @Option(help: "The date deadlines are judged against (a date, e.g. 2025-03-10, or an ISO date-time); default: now.")
    var asOf: String?

    func execute() throws -> String {
        let date = try parseAsOf(asOf)
        let cases = try store.openExisting()
        let report: StoreReport
        do { report = try cases.report(asOf: date) } catch { throw CommandFailure("\(store.db): \(error)") }
        switch format {
        case .json: return try StoreJSON.text(Self.object(report))
        case .text: return Self.text(report)
        }
    }

    /// The report as JSON values, snake_case.
    static func object(_ r: StoreReport) -> [String: Any] {
        [
            "as_of": Timestamp(r.asOf).description,
            "cases": ["total": r.totalCases, "open": r.openCases, "closed": r.closedCases],
            "open_by_risk_band": r.openByRiskBand,
            "all_by_risk_band": r.allByRiskBand,
            "marac_referrals": r.maracReferrals,
            "referrals": r.referrals.map { ["kind": $0.kind, "consent": $0.consent, "status": $0.status, "count": $0.count] as [String: Any] },
            "referrals_sent_by_kind": r.referralsSentByKind,
            "overdue_deadlines": r.overdueDeadlines.map {
                ["case_id": $0.caseID, "deadline": $0.deadlineID, "due": Timestamp($0.due).description]
            },
            "outcomes": r.outcomes,
            "closure_reasons": r.closureReasons,
        ]
    }

    /// The report as a manager reads it.
    static func text(_ r: StoreReport) -> String {
        func counts(_ d: [String: Int]) -> String {
            d.isEmpty ? "none" : d.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var out = ["HEARTH REPORT as of \(Timestamp(r.asOf))", ""]
        out.append("cases: \(r.totalCases) (open \(r.openCases), closed \(r.closedCases))")
        out.append("risk bands, all cases:  \(counts(r.allByRiskBand))")
        out.append("risk bands, open cases: \(counts(r.openByRiskBand))")
        out.append("MARAC referrals: \(r.maracReferrals)")
        out.append("")
        out.append("REFERRALS IN THE CURRENT PLANS")
        if r.referrals.isEmpty {
            out.append("  none")
        } else {
            out.append(TextTable.render(["kind", "consent", "status", "count"], r.referrals.map { [$0.kind, $0.consent, $0.status, "\($0.count)"] })
                .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        out.append("referrals sent: \(counts(r.referralsSentByKind))")
        out.append("")
        out.append("OVERDUE DEADLINES (open cases): \(r.overdueDeadlines.count)")
        for d in r.overdueDeadlines { out.append("  \(d.caseID)  \(d.deadlineID)  due \(Timestamp(d.due))") }
        out.append("")
        out.append("outcomes: \(counts(r.outcomes))")
        out.append("closure reasons: \(counts(r.closureReasons))")
        return out.joined(separator: "\n")
    }
}
