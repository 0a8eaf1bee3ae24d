import Foundation
import HearthCore
import HearthPlugins
import HearthStore

/// One case as the store holds it: its events, its derived state, what it was opened with and its latest plan.
struct StoredCase {
    /// The case id.
    let id: String
    /// Every event of the case, oldest first.
    let events: [StoredEvent]
    /// The state derived from the events.
    let state: CaseState
    /// What the case was opened with: the case document and the plugin.
    let opened: CaseOpenedPayload
    /// The newest decision and the event that recorded it, when a decision was made.
    let latestDecision: (event: StoredEvent, payload: DecisionPayload)?
    /// Every consent decision recorded, oldest first.
    let consents: [(event: StoredEvent, payload: ConsentPayload)]

    /// Reads a case's events from the store.
    /// - Parameter db: The store's file as the user named it, for the error message.
    /// - Throws: `CommandFailure` when no case has this id or a stored event cannot be read.
    static func load(_ id: String, from store: SQLiteCaseStore, db: String) throws -> StoredCase {
        let events: [StoredEvent]
        do { events = try store.events(for: id) } catch { throw CommandFailure("\(db): \(error)") }
        guard let first = events.first, !PropertySubject.isProperty(id) else {
            throw CommandFailure("case '\(id)' does not exist in \(db) (see the cases there with 'hearth case list --db \(db)')")
        }
        do {
            let state = try CaseState(events: events)
            let opened = try first.decode(CaseOpenedPayload.self)
            var consents: [(StoredEvent, ConsentPayload)] = []
            for event in events where event.kind == .consentRecorded {
                consents.append((event, try event.decode(ConsentPayload.self)))
            }
            // Only the newest plan is read: a long-running case has many.
            let latest = try events.last { $0.kind == .decisionMade }.map { ($0, try $0.decode(DecisionPayload.self)) }
            return StoredCase(id: id, events: events, state: state, opened: opened, latestDecision: latest, consents: consents)
        } catch {
            throw CommandFailure("case '\(id)' in \(db) cannot be read: \(error); run 'hearth audit verify --db \(db)'")
        }
    }

    /// The case document recorded at opening, parsed and validated again.
    /// - Throws: `CommandFailure` listing every problem when it no longer validates.
    func recordedCaseFile() throws -> CaseFile {
        do {
            return try CaseFile.parse(json: state.caseDocument)
        } catch {
            throw CommandFailure("case '\(id)': the case recorded at opening no longer validates "
                                 + "(\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"))\n"
                                 + error.problems.map { "  case '\(id)': \($0)" }.joined(separator: "\n"))
        }
    }

    /// The case to decide with: the recorded case with `consent.referrals` brought up to date from the
    /// consent events, oldest first (a later decision for a kind of partner overrides earlier ones for
    /// partners of that kind).
    /// - Parameters:
    ///   - policy: The plugin's policy, to tell partner ids from kinds.
    ///   - extra: A consent decision not yet stored, applied last.
    /// - Throws: `CommandFailure` when the recorded case no longer validates.
    func caseForDeciding(policy: LocalPolicy, extra: ConsentPayload? = nil) throws -> CaseFile {
        var file = try recordedCaseFile()
        for consent in consents.map(\.payload) + (extra.map { [$0] } ?? []) {
            let answer: PartnerConsent = switch consent.decision {
            case .given: .given
            case .refused: .refused
            case .withdrawn: .withdrawn
            }
            if ReferralKind(rawValue: consent.partner) != nil {
                for partner in policy.partners where partner.kind.rawValue == consent.partner && partner.id != consent.partner {
                    file.consent.referrals.removeValue(forKey: partner.id)
                }
            }
            file.consent.referrals[consent.partner] = answer
        }
        return file
    }

    /// The latest plan, decoded.
    /// - Throws: `CommandFailure` when the stored plan cannot be read.
    func latestPlan() throws -> Plan? {
        guard let latestDecision else { return nil }
        do {
            return try JSONDecoder().decode(Plan.self, from: latestDecision.payload.plan)
        } catch {
            throw CommandFailure("case '\(id)': the plan recorded in event \(latestDecision.event.seq) cannot be read: \(error)")
        }
    }

    /// Loads the case's plugin from `folder`, or by default from `plugins/<id>`.
    /// - Returns: The plugin and, when its content differs from the plugin the last decision (or the opening)
    ///   used, a note saying so: a policy change, recorded for audit, not an error.
    /// - Throws: `CommandFailure` when the plugin does not load or is another council's plugin.
    func loadPlugin(_ folder: String?) throws -> (plugin: Plugin, policyChange: String?) {
        let path = folder ?? "plugins/\(state.pluginID)"
        let plugin: Plugin
        do {
            plugin = try PluginLoader().load(path)
        } catch {
            var message = "case '\(id)' is handled under plugin '\(state.pluginID)', which did not load from \(path)\n"
                + error.problems.map { "  \($0)" }.joined(separator: "\n")
            if folder == nil {
                let recorded = opened.pluginFolder.map { " (the case was opened with the folder '\($0)')" } ?? ""
                message += "\n  pass the plugin's folder with --plugin DIR\(recorded)"
            }
            throw CommandFailure(message)
        }
        guard plugin.manifest.id == state.pluginID else {
            throw CommandFailure("\(plugin.path) is plugin '\(plugin.manifest.id)', but case '\(id)' is handled under plugin "
                                 + "'\(state.pluginID)'; pass --plugin with the folder of '\(state.pluginID)'")
        }
        return (plugin, policyChange(plugin))
    }

    /// A note when the plugin's content differs from the one the last decision (or the opening) used.
    func policyChange(_ plugin: Plugin) -> String? {
        let recordedHash = latestDecision?.payload.pluginHash ?? opened.pluginHash
        let recordedVersion = latestDecision?.payload.pluginVersion ?? opened.pluginVersion
        guard let recordedHash, let current = plugin.identity.contentHash, current != recordedHash else { return nil }
        let when = latestDecision == nil ? "the case was opened" : "the last decision (event \(latestDecision!.event.seq))"
        return "policy change: plugin '\(plugin.manifest.id)' is now version \(plugin.manifest.version) (\(short(current))); "
            + "\(when) used version \(recordedVersion ?? "unknown") (\(short(recordedHash))). "
            + "The new plan is made under the changed policy."
    }

    /// The consent that applies to one referral now: the case file's answer for the partner id (else its kind),
    /// overridden by the newest consent event for either. Nil when none was ever given.
    /// - Returns: The answer and the consent event it comes from (nil when it comes from the case file).
    func currentConsent(partner: String, kind: String) throws -> (answer: PartnerConsent?, event: StoredEvent?) {
        let file = try recordedCaseFile()
        var answer = file.consent.referrals[partner] ?? file.consent.referrals[kind]
        var source: StoredEvent?
        for consent in consents where consent.payload.partner == partner || consent.payload.partner == kind {
            answer = switch consent.payload.decision {
            case .given: .given
            case .refused: .refused
            case .withdrawn: .withdrawn
            }
            source = consent.event
        }
        return (answer, source)
    }

    /// The consent event recorded after the latest decision, if any (the plan does not reflect it yet).
    var consentSinceLatestDecision: (event: StoredEvent, payload: ConsentPayload)? {
        guard let decisionSeq = latestDecision?.event.seq else { return consents.last }
        return consents.last { $0.event.seq > decisionSeq }
    }
}

/// A content hash shortened for reading: `sha256:` and the first 12 hex digits.
func short(_ hash: String) -> String {
    hash.hasPrefix("sha256:") ? String(hash.prefix(19)) + "…" : String(hash.prefix(12)) + "…"
}
