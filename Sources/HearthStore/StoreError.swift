import Foundation

/// Everything the store can refuse, each described for the person who must put it right.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No case has this id.
    case caseNotFound(String)
    /// A case with this id already exists.
    case caseAlreadyExists(id: String, openedAt: Date)
    /// The case is closed already.
    case caseAlreadyClosed(id: String, closedAt: Date, outcome: String)
    /// The case is open, so it cannot be reopened.
    case caseNotClosed(String)
    /// The case is closed and this kind of event needs it open.
    case caseClosed(id: String, kind: EventKind)
    /// The event is malformed (a field is missing or wrong).
    case invalidEvent(field: String, reason: String)
    /// The payload is not valid for its kind.
    case invalidPayload(kind: EventKind?, reason: String)
    /// A typed payload was asked of an event of another kind.
    case payloadKindMismatch(seq: Int64, expected: EventKind, found: EventKind)
    /// An event with this external id from this source is already stored.
    case duplicateExternalID(source: String?, externalID: String, existingSeq: Int64)
    /// One event of several was refused, so none were written.
    indirect case rejectedEvent(position: Int, externalID: String?, reason: StoreError)
    /// A stored row cannot be read as an event.
    case corruptRow(seq: Int64, reason: String)
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// SQLite reported an error.
    case database(String)

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .caseNotFound(let id):
            return "case '\(id)' does not exist"
        case .caseAlreadyExists(let id, let openedAt):
            return "case '\(id)' already exists (opened \(Self.day(openedAt))); choose another id"
        case .caseAlreadyClosed(let id, let closedAt, let outcome):
            return "case '\(id)' is already closed (closed \(Self.day(closedAt)) with outcome '\(outcome)')"
        case .caseNotClosed(let id):
            return "case '\(id)' is open, so it cannot be reopened"
        case .caseClosed(let id, let kind):
            return "case '\(id)' is closed; reopen it before recording '\(kind.rawValue)'"
        case .invalidEvent(let field, let reason):
            return "field '\(field)' \(reason)"
        case .invalidPayload(let kind, let reason):
            if let kind { return "payload of '\(kind.rawValue)' is invalid: \(reason)" }
            return "payload is invalid: \(reason)"
        case .payloadKindMismatch(let seq, let expected, let found):
            return "event \(seq) is '\(found.rawValue)', not '\(expected.rawValue)'"
        case .duplicateExternalID(let source, let externalID, let existingSeq):
            let from = source.map { " from source '\($0)'" } ?? ""
            return "an event with external id '\(externalID)'\(from) is already stored (event \(existingSeq))"
        case .rejectedEvent(let position, let externalID, let reason):
            let external = externalID.map { " (external id '\($0)')" } ?? ""
            return "event \(position + 1) of the batch\(external) was refused, so nothing was written: \(reason)"
        case .corruptRow(let seq, let reason):
            return "stored event \(seq) cannot be read: \(reason); run 'verify' to check the audit trail"
        case .cannotOpen(let path, let reason):
            return "cannot open the store at '\(path)': \(reason)"
        case .database(let message):
            return "database error: \(message)"
        }
    }

    /// The same error with the position in its batch stripped, for single-event calls.
    var withoutPosition: StoreError {
        if case .rejectedEvent(_, _, let reason) = self { return reason }
        return self
    }

    static func day(_ date: Date) -> String {
        String(CanonicalJSON.format(date).prefix(10))
    }
}
