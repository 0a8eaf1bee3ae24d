import Foundation

/// One line of a case list, read from the `cases` projection without replaying events.
public struct CaseSummary: Sendable, Hashable {
    /// The case id.
    public var id: String
    /// Open or closed.
    public var status: CaseState.Status
    /// When the case was opened.
    public var openedAt: Date
    /// The plugin the case is handled under.
    public var pluginID: String
    /// The area, when known.
    public var area: String?
    /// The latest risk band.
    public var riskBand: String?
    /// Whether the latest decision found the MARAC criteria met.
    public var marac: Bool?
    /// The earliest deadline of the latest plan.
    public var nextDeadline: Date?
    /// When the case was closed, while it is closed.
    public var closedAt: Date?
    /// The outcome it was closed with, while it is closed.
    public var outcome: String?
    /// How many events the case has.
    public var eventCount: Int
    /// When its newest event happened.
    public var lastEventAt: Date

    /// Creates a case-list line.
    public init(id: String, status: CaseState.Status, openedAt: Date, pluginID: String, area: String?, riskBand: String?, marac: Bool?, nextDeadline: Date?, closedAt: Date?, outcome: String?, eventCount: Int, lastEventAt: Date) {
        self.id = id
        self.status = status
        self.openedAt = openedAt
        self.pluginID = pluginID
        self.area = area
        self.riskBand = riskBand
        self.marac = marac
        self.nextDeadline = nextDeadline
        self.closedAt = closedAt
        self.outcome = outcome
        self.eventCount = eventCount
        self.lastEventAt = lastEventAt
    }
}

/// Which cases to list; the conditions combine.
public struct CaseFilter: Sendable, Hashable {
    /// Only open cases.
    public var openOnly: Bool
    /// Only cases in this risk band.
    public var riskBand: String?
    /// Only open cases with a deadline due before this date.
    public var overdueAsOf: Date?

    /// Creates a filter; with no arguments it lists every case.
    public init(openOnly: Bool = false, riskBand: String? = nil, overdueAsOf: Date? = nil) {
        self.openOnly = openOnly
        self.riskBand = riskBand
        self.overdueAsOf = overdueAsOf
    }

    /// Every case.
    public static let all = CaseFilter()
}

/// The outcome of a batch import.
public struct BatchResult: Sendable {
    /// The events written, in order.
    public var appended: [StoredEvent]
    /// The events left out because their external id was already stored.
    public var skipped: [SkippedEvent]

    /// Creates a batch result.
    public init(appended: [StoredEvent], skipped: [SkippedEvent]) {
        self.appended = appended
        self.skipped = skipped
    }
}

/// An event left out of a batch because an event with its external id is already stored.
public struct SkippedEvent: Sendable, Hashable {
    /// Its position in the batch (0-based).
    public var position: Int
    /// Its external id.
    public var externalID: String
    /// The stored event that already has this external id.
    public var existingSeq: Int64

    /// Creates a skipped-event record.
    public init(position: Int, externalID: String, existingSeq: Int64) {
        self.position = position
        self.externalID = externalID
        self.existingSeq = existingSeq
    }
}

/// A property flag (identification signal), with or without a case.
public struct PropertySignal: Sendable, Hashable {
    /// The event that recorded it.
    public var seq: Int64
    /// The property's reference.
    public var propertyRef: String
    /// The kind of signal.
    public var signal: String
    /// The case it was recorded on, if any.
    public var caseID: String?
    /// When it happened.
    public var at: Date

    /// Creates a property signal.
    public init(seq: Int64, propertyRef: String, signal: String, caseID: String?, at: Date) {
        self.seq = seq
        self.propertyRef = propertyRef
        self.signal = signal
        self.caseID = caseID
        self.at = at
    }
}
