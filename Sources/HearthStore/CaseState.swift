import Foundation

/// The current state of a case, derived by replaying its events in order.
public struct CaseState: Sendable, Equatable {
    /// Whether a case is open or closed.
    public enum Status: String, Sendable, Codable {
        /// The case is being worked on.
        case open
        /// The case was closed with an outcome.
        case closed
    }

    /// The latest consent decision for one partner or kind of sharing.
    public struct Consent: Sendable, Hashable {
        /// The decision.
        public var decision: ConsentDecision
        /// Who recorded it.
        public var by: String
        /// When.
        public var at: Date
        /// The event that recorded it.
        public var seq: Int64

        /// Creates a consent entry.
        public init(decision: ConsentDecision, by: String, at: Date, seq: Int64) {
            self.decision = decision
            self.by = by
            self.at = at
            self.seq = seq
        }
    }

    /// The plugin and clock a plan was made with.
    public struct PluginIdentity: Sendable, Hashable {
        /// The plugin's id.
        public var id: String
        /// The plugin's version.
        public var version: String
        /// The hash of the plugin's content.
        public var hash: String
        /// The clock the decision used.
        public var clock: Date

        /// Creates a plugin identity.
        public init(id: String, version: String, hash: String, clock: Date) {
            self.id = id
            self.version = version
            self.hash = hash
            self.clock = clock
        }
    }

    /// A referral that was sent.
    public struct SentReferral: Sendable, Hashable {
        /// The partner it went to.
        public var partner: String
        /// The kind of referral.
        public var kind: String
        /// The consent status or lawful basis it was sent under.
        public var consent: String
        /// When it was sent.
        public var at: Date
        /// The event that recorded it.
        public var seq: Int64

        /// Creates a sent-referral entry.
        public init(partner: String, kind: String, consent: String, at: Date, seq: Int64) {
            self.partner = partner
            self.kind = kind
            self.consent = consent
            self.at = at
            self.seq = seq
        }
    }

    /// The case id.
    public var id: String
    /// Open or closed.
    public var status: Status
    /// When the case was opened.
    public var openedAt: Date
    /// The case document recorded at opening (JSON).
    public var caseDocument: Data
    /// The plugin the case is handled under.
    public var pluginID: String
    /// The area, when known.
    public var area: String?
    /// When the case was last closed (nil while open after a reopening).
    public var closedAt: Date?
    /// The outcome it was last closed with.
    public var closedOutcome: String?
    /// The reason it was last closed for.
    public var closedReason: String?
    /// How many times it has been reopened.
    public var reopenedCount: Int
    /// The latest consent decision per partner or kind of sharing.
    public var consent: [String: Consent]
    /// The latest completed DASH, when there is one.
    public var latestDash: DashCompletedPayload?
    /// The latest plan (JSON), when a decision has been made.
    public var latestPlan: Data?
    /// The plugin and clock the latest plan was made with.
    public var latestPlanPlugin: PluginIdentity?
    /// When the latest decision was recorded.
    public var decidedAt: Date?
    /// The latest risk band (from the latest decision, or from opening).
    public var riskBand: String?
    /// Whether the latest decision found the MARAC criteria met.
    public var marac: Bool?
    /// The latest plan's deadlines.
    public var deadlines: [PlannedDeadline]
    /// The latest plan's referrals.
    public var plannedReferrals: [PlannedReferral]
    /// The referrals sent, oldest first.
    public var referralsSent: [SentReferral]
    /// How many events the case has.
    public var eventCount: Int
    /// The sequence number of its newest event.
    public var lastSeq: Int64
    /// When its newest event happened.
    public var lastEventAt: Date

    /// The latest consent decision for a partner, or nil when none was ever recorded.
    public func consent(for partner: String) -> ConsentDecision? { consent[partner]?.decision }

    /// The plan's deadlines that are due before `date`, while the case is open.
    public func overdueDeadlines(asOf date: Date) -> [PlannedDeadline] {
        status == .open ? deadlines.filter { $0.due < date } : []
    }

    /// Derives a case's state from its events, oldest first.
    /// - Throws: ``StoreError/caseNotFound(_:)`` when there are no events,
    ///   ``StoreError/corruptRow(seq:reason:)`` when the first event is not the opening or a payload cannot be read.
    public init(events: [StoredEvent]) throws {
        guard let first = events.first else { throw StoreError.caseNotFound("") }
        guard first.kind == .caseOpened else {
            throw StoreError.corruptRow(seq: first.seq, reason: "the first event of case '\(first.caseID)' is '\(first.kind.rawValue)', not 'case_opened'")
        }
        let opened: CaseOpenedPayload = try Self.read(first)
        id = first.caseID
        status = .open
        openedAt = first.at
        caseDocument = opened.case
        pluginID = opened.pluginID
        area = opened.area
        reopenedCount = 0
        consent = [:]
        riskBand = opened.riskBand
        deadlines = []
        plannedReferrals = []
        referralsSent = []
        eventCount = 1
        lastSeq = first.seq
        lastEventAt = first.at
        var latestDecision: StoredEvent?
        for event in events.dropFirst() {
            try apply(event, latestDecision: &latestDecision)
        }
        if let latestDecision {
            latestPlan = try (Self.read(latestDecision) as DecisionPayload).plan
        }
    }

    private mutating func apply(_ event: StoredEvent, latestDecision: inout StoredEvent?) throws {
        eventCount += 1
        lastSeq = event.seq
        lastEventAt = event.at
        switch event.kind {
        case .consentRecorded:
            let payload: ConsentPayload = try Self.read(event)
            consent[payload.partner] = Consent(decision: payload.decision, by: payload.by, at: event.at, seq: event.seq)
        case .dashCompleted:
            latestDash = try Self.read(event)
        case .decisionMade:
            let summary = try Self.read(event, as: DecisionSummary.self)
            latestDecision = event
            decidedAt = event.at
            latestPlanPlugin = PluginIdentity(
                id: summary.pluginID, version: summary.pluginVersion, hash: summary.pluginHash, clock: summary.clock)
            riskBand = summary.riskBand ?? riskBand
            marac = summary.marac ?? marac
            deadlines = summary.deadlines
            plannedReferrals = summary.referrals
        case .referralSent:
            let payload: ReferralSentPayload = try Self.read(event)
            referralsSent.append(SentReferral(
                partner: payload.partner, kind: payload.kind, consent: payload.consent, at: event.at, seq: event.seq))
        case .caseClosed:
            let payload: ClosedPayload = try Self.read(event)
            status = .closed
            closedAt = event.at
            closedOutcome = payload.outcome
            closedReason = payload.reason
        case .caseReopened:
            status = .open
            reopenedCount += 1
            closedAt = nil
            closedOutcome = nil
            closedReason = nil
        case .caseOpened, .disclosureRecorded, .professionalJudgementRecorded, .measureOrdered, .measureFitted,
             .housingAction, .perpetratorAction, .noteAdded, .informationShared, .identificationSignal:
            break
        }
    }

    private static func read<P: EventPayload>(_ event: StoredEvent) throws -> P {
        try read(event, as: P.self)
    }

    private static func read<T: Decodable>(_ event: StoredEvent, as type: T.Type) throws -> T {
        do {
            return try CanonicalJSON.decode(T.self, from: event.payload)
        } catch let error as StoreError {
            throw StoreError.corruptRow(seq: event.seq, reason: error.description)
        }
    }
}
