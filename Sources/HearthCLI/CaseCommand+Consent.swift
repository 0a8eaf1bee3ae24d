import ArgumentParser
import Foundation
import HearthCore
import HearthPlugins
import HearthStore

/// `--given`, `--refused` or `--withdrawn`.
enum ConsentFlag: String, EnumerableFlag {
    case given, refused, withdrawn

    /// The decision as the store records it.
    var decision: ConsentDecision {
        switch self {
        case .given: .given
        case .refused: .refused
        case .withdrawn: .withdrawn
        }
    }

    /// Each flag's help line.
    static func help(for value: ConsentFlag) -> ArgumentHelp? {
        switch value {
        case .given: "The person agreed to the referral."
        case .refused: "The person said no."
        case .withdrawn: "The person took back consent they had given."
        }
    }
}

extension CaseCommand {
    /// `hearth case consent`: record a consent decision and the plan it leads to.
    struct Consent: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record consent given, refused or withdrawn for one of the plugin's partners, and the new plan.",
            discussion: """
                --partner is a partner id or kind from the case's plugin. The consent event and the plan decided \
                with it are written in one transaction, so the current plan always reflects the latest consent. \
                A referral already sent stays recorded as sent.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        @Option(help: "The partner id or kind, e.g. police or specialist.")
        var partner: String

        @Flag(help: "The consent decision.")
        var decision: ConsentFlag

        @Option(help: "Who recorded the decision.")
        var by: String

        @Option(help: "What the person said about the scope of their consent.")
        var note: String?

        @Option(help: "The plugin folder (default: plugins/<the case's plugin id>).")
        var plugin: String?

        @Option(help: "The clock (ISO 8601 with offset); default: now.")
        var now: String?

        func execute() throws -> String {
            let clock = try parseNow(now)
            let cases = try store.openExisting()
            let stored = try StoredCase.load(id, from: cases, db: store.db)
            let (loaded, policyChange) = try stored.loadPlugin(plugin)
            let partners = loaded.policy.partners
            guard partners.contains(where: { $0.id == partner || $0.kind.rawValue == partner }) else {
                throw CommandFailure("--partner '\(partner)': plugin '\(loaded.manifest.id)' has no partner with that id or kind; "
                                     + "its partners are " + partners.map { "\($0.id) (\($0.kind.rawValue))" }.joined(separator: ", ")
                                     + "; nothing was recorded")
            }
            let consent = ConsentPayload(partner: partner, decision: decision.decision, by: by, note: note)
            var events = [try NewEvent(caseID: id, at: clock.date, recordedBy: by, payload: consent)]
            var plan: Plan?
            if stored.state.status == .open {
                let file = try stored.caseForDeciding(policy: loaded.policy, extra: consent)
                do { plan = try loaded.decide(file, now: clock) } catch {
                    throw CommandFailure("case '\(id)': no plan under \(loaded.path): \(error); nothing was recorded")
                }
                let decision = try DecisionRecord.payload(plan: plan!, plugin: loaded, clock: clock, sent: stored.state.referralsSent)
                events.append(try NewEvent(caseID: id, at: clock.date, recordedBy: by, payload: decision))
            }
            let written: [StoredEvent]
            do { written = try cases.append(events) } catch {
                throw CommandFailure("case '\(id)': \(error); nothing was recorded")
            }
            var out = ["recorded consent \(decision.rawValue) for \(partner) on case \(id) by \(by) at \(clock): "
                       + "events \(written.map { "\($0.seq) \($0.kind.rawValue)" }.joined(separator: ", "))"]
            if let policyChange { out.append(policyChange) }
            guard let plan else {
                out.append("the case is closed, so no new plan was made")
                return out.joined(separator: "\n")
            }
            let affected = plan.referrals.filter { $0.partner == partner || $0.kind.rawValue == partner }
            if affected.isEmpty {
                out.append("the current plan has no referral to \(partner)")
            }
            for referral in affected {
                let sent = stored.state.referralsSent.first { $0.partner == referral.partner && $0.kind == referral.kind.rawValue }
                var line = "  \(referral.partner) (\(referral.kind.rawValue)): \(DecisionRecord.standing(referral))"
                if let sent { line += "; already sent \(Timestamp(sent.at)) (event \(sent.seq)), which stays recorded" }
                out.append(line)
            }
            let changes = PlanSummaryText.changes(from: try stored.latestPlan(), to: plan)
                .filter { line in !affected.contains { line.hasPrefix("\($0.partner):") } }
            if !changes.isEmpty {
                out.append("other changes in the plan:")
                out += changes.map { "  \($0)" }
            }
            return out.joined(separator: "\n")
        }
    }

    /// `hearth case referral`: record that a ready referral was sent, and the information shared with it.
    struct Referral: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a referral which is ready in the current plan was sent.",
            discussion: """
                Writes referral_sent and information_shared (who shared what with whom, when, and under consent or \
                which lawful basis, and why) in one transaction. A referral awaiting consent or declined is refused \
                and nothing is written.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        @Option(help: "The partner id (or kind, when only one partner of that kind is in the plan).")
        var partner: String

        @Flag(help: "The referral was sent.")
        var sent = false

        @Option(help: "Who sent it.")
        var by: String

        @Option(help: "The partner's reference for the referral, when they gave one.")
        var reference: String?

        @Option(help: "The clock (ISO 8601 with offset); default: now.")
        var now: String?

        func validate() throws {
            guard sent else { throw ValidationError("say what happened to the referral: --sent") }
        }

        func execute() throws -> String {
            let clock = try parseNow(now)
            let cases = try store.openExisting()
            let stored = try StoredCase.load(id, from: cases, db: store.db)
            guard stored.state.status == .open else {
                throw CommandFailure("case '\(id)' is closed; a referral cannot be recorded on it; nothing was recorded")
            }
            guard let plan = try stored.latestPlan() else {
                throw CommandFailure("case '\(id)' has no plan yet: run 'hearth case decide \(id)'; nothing was recorded")
            }
            if let change = stored.consentSinceLatestDecision {
                throw CommandFailure("case '\(id)': consent for \(change.payload.partner) was recorded (event \(change.event.seq)) after "
                                     + "the current plan; run 'hearth case decide \(id)' first; nothing was recorded")
            }
            let matches = plan.referrals.filter { $0.partner == partner }
            let candidates = matches.isEmpty ? plan.referrals.filter { $0.kind.rawValue == partner } : matches
            guard !candidates.isEmpty else {
                throw CommandFailure("--partner '\(partner)': the current plan for case '\(id)' has no referral to it; its referrals are "
                                     + plan.referrals.map { "\($0.partner) (\($0.kind.rawValue), \($0.status.rawValue))" }.joined(separator: ", ")
                                     + "; nothing was recorded")
            }
            guard candidates.count == 1, let referral = candidates.first else {
                throw CommandFailure("--partner '\(partner)': the plan has \(candidates.count) referrals of that kind ("
                                     + candidates.map(\.partner).joined(separator: ", ") + "); name the partner id; nothing was recorded")
            }
            guard referral.status == .ready else {
                let what = referral.status == .awaitingConsent
                    ? "awaits consent (consent \(referral.consent.rawValue)): record it with 'hearth case consent \(id) --partner \(referral.partner) --given --by NAME'"
                    : "is declined (consent \(referral.consent.rawValue)) and no lawful basis applies"
                throw CommandFailure("the referral to \(referral.partner) (\(referral.name)) \(what); it cannot be sent; nothing was recorded")
            }
            if let already = stored.state.referralsSent.first(where: { $0.partner == referral.partner && $0.kind == referral.kind.rawValue }) {
                throw CommandFailure("the referral to \(referral.partner) was already sent \(Timestamp(already.at)) (event \(already.seq)); nothing was recorded")
            }
            let withConsent = referral.consent == .given
            if withConsent {
                // The plan may have been decided from an older consent (two people recording at once): check it again.
                let current = try stored.currentConsent(partner: referral.partner, kind: referral.kind.rawValue)
                if current.answer != .given {
                    let found = current.answer.map { "\($0.rawValue)" } ?? "not recorded"
                    let at = current.event.map { " (event \($0.seq))" } ?? ""
                    throw CommandFailure("the current plan says consent was given for \(referral.partner), but the consent recorded "
                                         + "for it is \(found)\(at); run 'hearth case decide \(id)'; nothing was recorded")
                }
            }
            let basis = withConsent ? nil : referral.basis
            if !withConsent && basis == nil {
                throw CommandFailure("the referral to \(referral.partner) has neither consent nor a lawful basis; nothing was recorded")
            }
            let why = basis.map { "\(referral.reason); \($0.rawValue): \(referral.basisReason ?? "lawful basis")" } ?? referral.reason
            let sentPayload = ReferralSentPayload(
                partner: referral.partner, kind: referral.kind.rawValue, consent: DecisionRecord.consentText(referral),
                reason: basis == nil ? nil : referral.basisReason, reference: reference)
            let shared = InformationSharedPayload(
                sharedBy: by, what: Self.sharedItems(referral, plan: plan), recipient: "\(referral.name) (\(referral.partner))",
                sharedAt: clock.date, consent: withConsent, lawfulBasis: basis?.rawValue, reason: why)
            let written: [StoredEvent]
            do {
                written = try cases.append([
                    NewEvent(caseID: id, at: clock.date, recordedBy: by, payload: sentPayload),
                    NewEvent(caseID: id, at: clock.date, recordedBy: by, payload: shared),
                ])
            } catch {
                throw CommandFailure("case '\(id)': \(error); nothing was recorded")
            }
            let under = withConsent ? "with consent" : "without consent, under the lawful basis \(basis!.rawValue) (\(referral.basisReason ?? ""))"
            return """
                recorded referral to \(referral.partner) (\(referral.name)) sent by \(by) at \(clock) \(under)
                events \(written.map { "\($0.seq) \($0.kind.rawValue)" }.joined(separator: ", "))
                shared: \(shared.what.joined(separator: "; "))
                """
        }

        /// What goes to a partner with a referral: the referral itself, the risk assessment and how to make contact safely.
        static func sharedItems(_ referral: HearthCore.Referral, plan: Plan) -> [String] {
            ["referral to \(referral.name) (\(referral.kind.rawValue))",
             "risk assessment (\(plan.risk.band.rawValue), DASH \(plan.risk.score))",
             "safe contact arrangements"]
        }
    }
}
