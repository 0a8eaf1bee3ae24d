import Foundation

/// Durable case histories and their audit trail, whatever database holds them.
///
/// Callers depend on this protocol only; ``SQLiteCaseStore`` is the embedded implementation.
/// Every write is one transaction: it is written whole or not at all.
public protocol CaseStore: Sendable {
    /// Appends events in one transaction, all or nothing, and returns them as stored.
    /// - Throws: ``StoreError`` naming the refused event (its position when there are several); nothing is written.
    @discardableResult
    func append(_ events: [NewEvent]) async throws -> [StoredEvent]

    /// Appends an import's events for many cases in one transaction, skipping those whose
    /// `(source, externalID)` is already stored.
    /// - Parameters:
    ///   - events: The events, in the order to record them.
    ///   - source: The system they come from; external ids are unique per source.
    /// - Returns: The events written and those skipped as already imported.
    /// - Throws: ``StoreError/rejectedEvent(position:externalID:reason:)``; nothing is written.
    @discardableResult
    func appendBatch(_ events: [NewEvent], source: String) async throws -> BatchResult

    /// Every event of a case (or property subject), oldest first; empty when there are none.
    func events(for caseID: String) async throws -> [StoredEvent]

    /// The current state of a case, derived from its events.
    /// - Throws: ``StoreError/caseNotFound(_:)``.
    func state(for caseID: String) async throws -> CaseState

    /// The cases matching a filter, newest opened first.
    func listCases(_ filter: CaseFilter) async throws -> [CaseSummary]

    /// The identification signals recorded for a property, oldest first.
    func propertySignals(for propertyRef: String) async throws -> [PropertySignal]

    /// Counts across all cases, with deadlines overdue as of `date`.
    func report(asOf date: Date) async throws -> StoreReport

    /// Checks the whole audit trail and names the first event that does not verify; with `knownTip` (kept
    /// outside the store), also checks that the chain still passes through it.
    func verify(knownTip: ChainTip?) async throws -> ChainVerification

    /// The newest event's position and hash as the store recorded them, or nil for an empty store.
    func chainTip() async throws -> ChainTip?

    /// Rebuilds the case projections (the `cases` list and its companions) from the events.
    func rebuildProjections() async throws
}

extension CaseStore {
    /// Appends one event with a typed payload.
    /// - Throws: ``StoreError``; nothing is written.
    @discardableResult
    public func append<P: EventPayload>(
        _ payload: P, to caseID: String, at date: Date, recordedBy: String? = nil
    ) async throws -> StoredEvent {
        let event = try NewEvent(caseID: caseID, at: date, recordedBy: recordedBy, payload: payload)
        return try await append([event])[0]
    }

    /// Opens a case.
    /// - Throws: ``StoreError/caseAlreadyExists(id:openedAt:)`` when the id is taken; nothing is written.
    @discardableResult
    public func openCase(
        _ caseID: String, at date: Date, recordedBy: String? = nil, payload: CaseOpenedPayload
    ) async throws -> StoredEvent {
        try await append(payload, to: caseID, at: date, recordedBy: recordedBy)
    }

    /// Records a consent decision; `payload.by` is kept as the event's recorder.
    @discardableResult
    public func recordConsent(_ payload: ConsentPayload, for caseID: String, at date: Date) async throws -> StoredEvent {
        try await append(payload, to: caseID, at: date, recordedBy: payload.by)
    }

    /// Closes a case with an outcome and a reason (the caller checks them against the plugin).
    /// - Throws: ``StoreError/caseNotFound(_:)``, ``StoreError/caseAlreadyClosed(id:closedAt:outcome:)``.
    @discardableResult
    public func close(
        _ caseID: String, outcome: String, reason: String, at date: Date, recordedBy: String? = nil
    ) async throws -> StoredEvent {
        try await append(ClosedPayload(outcome: outcome, reason: reason), to: caseID, at: date, recordedBy: recordedBy)
    }

    /// Checks the whole audit trail and names the first event that does not verify.
    public func verify() async throws -> ChainVerification {
        try await verify(knownTip: nil)
    }

    /// Every case.
    public func listCases() async throws -> [CaseSummary] {
        try await listCases(.all)
    }
}
