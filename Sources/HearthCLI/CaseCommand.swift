import ArgumentParser
import Foundation
import HearthCore
import HearthPlugins
import HearthStore

/// `hearth case`: open, decide, record consent and referrals, close, show and list stored cases.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open and work stored cases: every change is an audited event.",
        discussion: """
            Each command writes its events in one transaction, or nothing at all. Exit status: 0 on success, \
            1 when an input is wrong (the message names it; nothing is written), 64 on a usage error.
            """,
        subcommands: [Open.self, Show.self, List.self, Consent.self, Decide.self, Referral.self, Close.self]
    )

    /// `hearth case open`: validate a case, record it and its first plan.
    struct Open: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a case file, record it under a council's plugin and record its first plan.",
            discussion: """
                The case opened event (the case JSON, the plugin's id, version, content hash and folder) and the \
                decision (the full plan, the plugin and the clock) are written in one transaction. An invalid case \
                is reported field by field and nothing is written.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The plugin folder the case is handled under, e.g. plugins/cross_keys_homes.")
        var plugin: String

        @Argument(help: "The case file (JSON, see docs/case-format.md); its id becomes the case id.")
        var caseFile: String

        @Option(help: "Who is opening the case (default: the login name).")
        var by: String?

        @Option(help: "The clock (ISO 8601 with offset); default: now.")
        var now: String?

        func execute() throws -> String {
            let clock = try parseNow(now)
            guard let data = FileManager.default.contents(atPath: caseFile) else {
                throw CommandFailure("\(caseFile): no such case file")
            }
            let file = try readCase(caseFile)
            let loaded: Plugin
            do { loaded = try PluginLoader().load(plugin) } catch {
                throw CommandFailure(error.description)
            }
            let plan: Plan
            do { plan = try loaded.decide(file, now: clock) } catch {
                throw CommandFailure("\(caseFile): no plan under \(loaded.path): \(error); nothing was recorded")
            }
            let who = recorder(by)
            let opened = CaseOpenedPayload(
                case: data, pluginID: loaded.manifest.id, area: file.area, pluginVersion: loaded.manifest.version,
                pluginHash: loaded.identity.contentHash, pluginFolder: plugin)
            let decision = try DecisionRecord.payload(plan: plan, plugin: loaded, clock: clock, sent: [])
            let cases = try store.open()
            let stored: [StoredEvent]
            do {
                stored = try cases.append([
                    NewEvent(caseID: file.id, at: clock.date, recordedBy: who, payload: opened),
                    NewEvent(caseID: file.id, at: clock.date, recordedBy: who, payload: decision),
                ])
            } catch {
                throw CommandFailure("\(caseFile): \(error); nothing was recorded")
            }
            let warnings = loaded.warnings.isEmpty ? "" : "\nnote: plugin '\(loaded.manifest.id)' has \(loaded.warnings.count) "
                + "warning\(loaded.warnings.count == 1 ? "" : "s") for its policy officer (see 'hearth plugin check \(loaded.path)')"
            return """
                opened case \(file.id) under \(loaded.manifest.id) \(loaded.manifest.version) (\(short(decision.pluginHash))) \
                by \(who) at \(clock)
                recorded events \(stored.map { "\($0.seq) \($0.kind.rawValue)" }.joined(separator: ", ")) in \(store.db)
                \(PlanSummaryText.render(plan))\(warnings)
                """
        }
    }

    /// `hearth case decide`: re-run the plugin with the recorded consents and record the new plan.
    struct Decide: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide a stored case again, with its recorded consents, and record the new plan.",
            discussion: """
                The plugin is loaded from --plugin or from plugins/<id>. When its content differs from the plugin the \
                last decision used, the output says so: the new plan is made under the changed policy.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        @Option(help: "The plugin folder (default: plugins/<the case's plugin id>).")
        var plugin: String?

        @Option(help: "Who is recording (default: the login name).")
        var by: String?

        @Option(help: "The clock (ISO 8601 with offset); default: now.")
        var now: String?

        func execute() throws -> String {
            let clock = try parseNow(now)
            let cases = try store.openExisting()
            let stored = try StoredCase.load(id, from: cases, db: store.db)
            guard stored.state.status == .open else {
                throw CommandFailure("case '\(id)' is closed (outcome '\(stored.state.closedOutcome ?? "")'); a closed case is not decided again")
            }
            let (loaded, policyChange) = try stored.loadPlugin(plugin)
            let file = try stored.caseForDeciding(policy: loaded.policy)
            let plan: Plan
            do { plan = try loaded.decide(file, now: clock) } catch {
                throw CommandFailure("case '\(id)': no plan under \(loaded.path): \(error); nothing was recorded")
            }
            let previous = try stored.latestPlan()
            let decision = try DecisionRecord.payload(plan: plan, plugin: loaded, clock: clock, sent: stored.state.referralsSent)
            let event: StoredEvent
            do {
                event = try cases.append(decision, to: id, at: clock.date, recordedBy: recorder(by))
            } catch {
                throw CommandFailure("case '\(id)': \(error); nothing was recorded")
            }
            var out = ["decided case \(id) under \(loaded.manifest.id) \(loaded.manifest.version) at \(clock): recorded event \(event.seq) decision_made"]
            if let policyChange { out.append(policyChange) }
            let changes = PlanSummaryText.changes(from: previous, to: plan)
            let previousEvent = stored.latestDecision.map { " (event \($0.event.seq))" } ?? ""
            out.append(changes.isEmpty ? "no change from the previous plan\(previousEvent)" : "changes from the previous plan\(previousEvent):")
            out += changes.map { "  \($0)" }
            out.append(PlanSummaryText.render(plan, sent: stored.state.referralsSent))
            return out.joined(separator: "\n")
        }
    }

    /// `hearth case close`: close a case with one of the plugin's closure reasons.
    struct Close: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a case with an outcome from the plugin's closure reasons and the reason for closing.",
            discussion: """
                --outcome must be the id of one of the plugin's closure reasons (when the plugin lists none, the \
                outcome is recorded as given). --reason says why, in words. A case is closed once.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        @Option(help: "The outcome: a closure reason id from the plugin, e.g. handoff_declined.")
        var outcome: String

        @Option(help: "Why the case is being closed.")
        var reason: String

        @Option(help: "The plugin folder (default: plugins/<the case's plugin id>).")
        var plugin: String?

        @Option(help: "Who is closing the case (default: the login name).")
        var by: String?

        @Option(help: "The clock (ISO 8601 with offset); default: now.")
        var now: String?

        func execute() throws -> String {
            let clock = try parseNow(now)
            let cases = try store.openExisting()
            let stored = try StoredCase.load(id, from: cases, db: store.db)
            if stored.state.status == .closed {
                let closedAt = stored.state.closedAt.map { Timestamp($0).description } ?? "earlier"
                throw CommandFailure("case '\(id)' is already closed (closed \(closedAt) with outcome "
                                     + "'\(stored.state.closedOutcome ?? "")'); nothing was recorded")
            }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CommandFailure("--reason: say why the case is being closed; nothing was recorded")
            }
            let (loaded, policyChange) = try stored.loadPlugin(plugin)
            let reasons = loaded.policy.closureReasons
            var out: [String] = []
            if reasons.isEmpty {
                out.append("note: plugin '\(loaded.manifest.id)' lists no closure reasons, so the outcome '\(outcome)' is recorded as given")
            } else if !reasons.contains(where: { $0.id == outcome }) {
                throw CommandFailure("--outcome '\(outcome)' is not one of plugin '\(loaded.manifest.id)''s closure reasons: "
                                     + reasons.map { "\($0.id) (\($0.name))" }.joined(separator: ", ") + "; nothing was recorded")
            }
            let event: StoredEvent
            do {
                event = try cases.close(id, outcome: outcome, reason: reason, at: clock.date, recordedBy: recorder(by))
            } catch {
                throw CommandFailure("case '\(id)': \(error); nothing was recorded")
            }
            if let policyChange { out.append(policyChange) }
            out.insert("closed case \(id) at \(clock) with outcome '\(outcome)' (\(reason)): recorded event \(event.seq) case_closed", at: 0)
            return out.joined(separator: "\n")
        }
    }
}
