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
