import Foundation

/// The kinds of event a case history is made of; the raw value is what the store writes.
public enum EventKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// A case was opened (the first event of every case).
    case caseOpened = "case_opened"
    /// Someone disclosed abuse; disclosures are believed and recorded as given.
    case disclosureRecorded = "disclosure_recorded"
    /// Consent was given, refused or withdrawn for a partner or a kind of sharing.
    case consentRecorded = "consent_recorded"
    /// A DASH risk checklist was completed; the answers are kept.
    case dashCompleted = "dash_completed"
    /// A professional recorded their judgement about the risk.
    case professionalJudgementRecorded = "professional_judgement_recorded"
    /// The decision pipeline produced a plan with a given plugin and clock.
    case decisionMade = "decision_made"
    /// A referral was sent to a partner.
    case referralSent = "referral_sent"
    /// A safety or security measure was ordered.
    case measureOrdered = "measure_ordered"
    /// A safety or security measure was fitted.
    case measureFitted = "measure_fitted"
    /// A housing action was taken.
    case housingAction = "housing_action"
    /// An action concerning the perpetrator was taken.
    case perpetratorAction = "perpetrator_action"
    /// A free-text note was added.
    case noteAdded = "note_added"
    /// The case was closed with an outcome and a reason.
    case caseClosed = "case_closed"
    /// A closed case was reopened.
    case caseReopened = "case_reopened"
    /// Information was shared with someone, with consent or a lawful basis.
    case informationShared = "information_shared"
    /// An imported signal about a property (a welfare-check flag), with or without a case.
    case identificationSignal = "identification_signal"
}

/// One event as it is stored: immutable, numbered in one global sequence and chained by hash.
public struct StoredEvent: Sendable, Hashable {
    /// The event's position in the store's single global sequence (1, 2, 3 …).
    public let seq: Int64
    /// The case the event belongs to (or a property subject, see ``PropertySubject``).
    public let caseID: String
    /// What happened.
    public let kind: EventKind
    /// When it happened, by the caller's clock (kept to the millisecond).
    public let at: Date
    /// Who recorded it, when known.
    public let recordedBy: String?
    /// The event's payload as canonical JSON (sorted keys).
    public let payload: Data
    /// The system the event was imported from, for imported events.
    public let source: String?
    /// The event's identifier in its source system, for idempotent imports.
    public let externalID: String?
    /// The SHA-256 of this event's canonical content and `prevHash`, as 64 hex digits.
    public let hash: String
    /// The hash of the event before it in the chain (64 zeros for the first event).
    public let prevHash: String

    /// Creates a stored event; the store makes these, callers normally only read them.
    public init(
        seq: Int64, caseID: String, kind: EventKind, at: Date, recordedBy: String?, payload: Data,
        source: String?, externalID: String?, hash: String, prevHash: String
    ) {
        self.seq = seq
        self.caseID = caseID
        self.kind = kind
        self.at = at
        self.recordedBy = recordedBy
        self.payload = payload
        self.source = source
        self.externalID = externalID
        self.hash = hash
        self.prevHash = prevHash
    }

    /// Decodes the payload as the typed payload of this event's kind.
    /// - Throws: ``StoreError/payloadKindMismatch(seq:expected:found:)`` when `P` belongs to another kind,
    ///   ``StoreError/invalidPayload(kind:reason:)`` when the JSON does not decode.
    public func decode<P: EventPayload>(_ type: P.Type = P.self) throws -> P {
        guard P.kind == kind else {
            throw StoreError.payloadKindMismatch(seq: seq, expected: P.kind, found: kind)
        }
        return try CanonicalJSON.decode(P.self, from: payload)
    }
}

/// An event the caller wants to append; the store gives it its sequence number and hashes.
public struct NewEvent: Sendable {
    /// The case the event belongs to.
    public var caseID: String
    /// What happened.
    public let kind: EventKind
    /// When it happened, by the caller's clock.
    public var at: Date
    /// Who recorded it.
    public var recordedBy: String?
    /// The payload as canonical JSON.
    public let payload: Data
    /// The event's identifier in its source system (used by ``CaseStore/appendBatch(_:source:)``).
    public var externalID: String?
    /// What the store's checks and projections need from the payload, when it came typed (saves decoding it).
    let facts: PayloadFacts?

    /// Creates an event from a typed payload, encoding it as canonical JSON.
    /// - Throws: ``StoreError/invalidPayload(kind:reason:)`` when the payload cannot be encoded.
    public init<P: EventPayload>(
        caseID: String, at: Date, recordedBy: String? = nil, payload: P, externalID: String? = nil
    ) throws {
        self.caseID = caseID
        self.kind = P.kind
        self.at = at
        self.recordedBy = recordedBy
        self.payload = try CanonicalJSON.encode(payload)
        self.externalID = externalID
        self.facts = PayloadFacts.of(payload)
    }

    /// Creates an event from payload JSON the caller already encoded (it should be canonical: see ``CanonicalJSON``).
    public init(
        caseID: String, kind: EventKind, at: Date, recordedBy: String? = nil, payloadJSON: Data,
        externalID: String? = nil
    ) {
        self.caseID = caseID
        self.kind = kind
        self.at = at
        self.recordedBy = recordedBy
        self.payload = payloadJSON
        self.externalID = externalID
        self.facts = nil
    }
}

/// Naming for events about a property that has no case (welfare-check flags from imports).
public enum PropertySubject {
    /// The prefix that marks a property subject; case ids may not start with it.
    public static let prefix = "property:"

    /// The subject id under which signals for a property without a case are stored.
    public static func id(forProperty propertyRef: String) -> String { prefix + propertyRef }

    /// Whether an event subject id names a property rather than a case.
    public static func isProperty(_ subjectID: String) -> Bool {
        // Only a subject whose first character is "p" can start with the prefix; most case ids are decided here.
        subjectID.utf8.first == UInt8(ascii: "p") && subjectID.hasPrefix(prefix)
    }
}

extension Date {
    /// Milliseconds since 1970, the precision the store keeps.
    var storeMillis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The date for a number of milliseconds since 1970.
    init(storeMillis: Int64) { self.init(timeIntervalSince1970: Double(storeMillis) / 1000) }
}
