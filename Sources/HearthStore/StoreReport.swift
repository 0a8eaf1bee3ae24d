import Foundation

/// Counts across all cases for managers and MARAC coordinators, read from the projections.
public struct StoreReport: Sendable, Equatable {
    /// A number of referrals of one kind in one consent status and state.
    public struct ReferralCount: Sendable, Hashable {
        /// The kind of referral.
        public var kind: String
        /// The consent status or lawful basis.
        public var consent: String
        /// Where the referrals stand.
        public var status: String
        /// How many.
        public var count: Int

        /// Creates a referral count.
        public init(kind: String, consent: String, status: String, count: Int) {
            self.kind = kind
            self.consent = consent
            self.status = status
            self.count = count
        }
    }

    /// A deadline that was due before the report date on an open case.
    public struct OverdueDeadline: Sendable, Hashable {
        /// The case.
        public var caseID: String
        /// The deadline's id.
        public var deadlineID: String
        /// When it was due.
        public var due: Date

        /// Creates an overdue-deadline line.
        public init(caseID: String, deadlineID: String, due: Date) {
            self.caseID = caseID
            self.deadlineID = deadlineID
            self.due = due
        }
    }

    /// The date overdue deadlines are counted against.
    public var asOf: Date
    /// All cases.
    public var totalCases: Int
    /// Open cases.
    public var openCases: Int
    /// Closed cases.
    public var closedCases: Int
    /// Open cases per risk band ("unassessed" when no band is known).
    public var openByRiskBand: [String: Int]
    /// All cases per risk band ("unassessed" when no band is known).
    public var allByRiskBand: [String: Int]
    /// Cases whose latest decision found the MARAC criteria met.
    public var maracReferrals: Int
    /// Planned referrals by kind, consent status and state (from each case's latest plan).
    public var referrals: [ReferralCount]
    /// Referrals sent, by kind.
    public var referralsSentByKind: [String: Int]
    /// Deadlines due before `asOf` on open cases, earliest first.
    public var overdueDeadlines: [OverdueDeadline]
    /// Closed cases per outcome.
    public var outcomes: [String: Int]
    /// Closed cases per closure reason.
    public var closureReasons: [String: Int]

    /// Creates a report.
    public init(asOf: Date, totalCases: Int, openCases: Int, closedCases: Int, openByRiskBand: [String: Int], allByRiskBand: [String: Int], maracReferrals: Int, referrals: [ReferralCount], referralsSentByKind: [String: Int], overdueDeadlines: [OverdueDeadline], outcomes: [String: Int], closureReasons: [String: Int]) {
        self.asOf = asOf
        self.totalCases = totalCases
        self.openCases = openCases
        self.closedCases = closedCases
        self.openByRiskBand = openByRiskBand
        self.allByRiskBand = allByRiskBand
        self.maracReferrals = maracReferrals
        self.referrals = referrals
        self.referralsSentByKind = referralsSentByKind
        self.overdueDeadlines = overdueDeadlines
        self.outcomes = outcomes
        self.closureReasons = closureReasons
    }
}
