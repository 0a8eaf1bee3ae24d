import Foundation

/// What the store's checks and projections need from a payload.
///
/// Taken from the typed payload when the caller built the event from one, so appending does not decode JSON
/// it has just encoded; decoded from the JSON otherwise (events built from raw JSON, and rebuilds).
enum PayloadFacts: Sendable {
    /// A case opened under a plugin.
    case opened(pluginID: String, area: String?, riskBand: String?)
    /// A decision's summary fields.
    case decision(riskBand: String?, marac: Bool?, deadlines: [PlannedDeadline], referrals: [PlannedReferral])
    /// A closing.
    case closed(outcome: String, reason: String)
    /// A reopening.
    case reopened
    /// A referral sent.
    case referralSent(partner: String, kind: String, consent: String)
    /// A consent decision.
    case consent(partner: String, by: String)
    /// Information shared.
    case informationShared(consent: Bool, lawfulBasis: String?, reason: String)
    /// A property signal.
    case signal(propertyRef: String, signal: String)
    /// A kind whose payload the store does not look into.
    case other

    /// The facts of a typed payload.
    static func of<P: EventPayload>(_ payload: P) -> PayloadFacts {
        switch payload {
        case let opened as CaseOpenedPayload:
            return .opened(pluginID: opened.pluginID, area: opened.area, riskBand: opened.riskBand)
        case let decision as DecisionPayload:
            return .decision(
                riskBand: decision.riskBand, marac: decision.marac, deadlines: decision.deadlines,
                referrals: decision.referrals)
        case let closed as ClosedPayload:
            return .closed(outcome: closed.outcome, reason: closed.reason)
        case is ReopenedPayload:
            return .reopened
        case let sent as ReferralSentPayload:
            return .referralSent(partner: sent.partner, kind: sent.kind, consent: sent.consent)
        case let consent as ConsentPayload:
            return .consent(partner: consent.partner, by: consent.by)
        case let shared as InformationSharedPayload:
            return .informationShared(consent: shared.consent, lawfulBasis: shared.lawfulBasis, reason: shared.reason)
        case let signal as IdentificationSignalPayload:
            return .signal(propertyRef: signal.propertyRef, signal: signal.signal)
        default:
            return .other
        }
    }

    /// The facts of a payload given as JSON.
    /// - Throws: ``StoreError/invalidPayload(kind:reason:)`` naming the field that does not decode.
    static func decode(kind: EventKind, payload: Data) throws -> PayloadFacts {
        switch kind {
        case .caseOpened:
            let opened = try CanonicalJSON.decode(OpenedSummary.self, from: payload)
            return .opened(pluginID: opened.pluginID, area: opened.area, riskBand: opened.riskBand)
        case .decisionMade:
            let decision = try CanonicalJSON.decode(DecisionSummary.self, from: payload)
            return .decision(
                riskBand: decision.riskBand, marac: decision.marac, deadlines: decision.deadlines,
                referrals: decision.referrals)
        case .caseClosed:
            return of(try CanonicalJSON.decode(ClosedPayload.self, from: payload))
        case .caseReopened:
            return of(try CanonicalJSON.decode(ReopenedPayload.self, from: payload))
        case .referralSent:
            return of(try CanonicalJSON.decode(ReferralSentPayload.self, from: payload))
        case .consentRecorded:
            return of(try CanonicalJSON.decode(ConsentPayload.self, from: payload))
        case .informationShared:
            return of(try CanonicalJSON.decode(InformationSharedPayload.self, from: payload))
        case .identificationSignal:
            return of(try CanonicalJSON.decode(IdentificationSignalPayload.self, from: payload))
        case .disclosureRecorded, .dashCompleted, .professionalJudgementRecorded, .measureOrdered, .measureFitted,
             .housingAction, .perpetratorAction, .noteAdded:
            return .other
        }
    }

    /// Checks the rules a payload must meet whoever wrote it.
    /// - Throws: ``StoreError/invalidPayload(kind:reason:)`` naming the field.
    func check() throws {
        switch self {
        case .opened(let pluginID, _, _):
            if pluginID.isEmpty {
                throw StoreError.invalidPayload(kind: .caseOpened, reason: "field 'plugin_id' must not be empty")
            }
        case .closed(let outcome, _):
            if outcome.isEmpty {
                throw StoreError.invalidPayload(kind: .caseClosed, reason: "field 'outcome' must not be empty")
            }
        case .consent(let partner, let by):
            if partner.isEmpty {
                throw StoreError.invalidPayload(kind: .consentRecorded, reason: "field 'partner' must not be empty")
            }
            if by.isEmpty {
                throw StoreError.invalidPayload(kind: .consentRecorded, reason: "field 'by' must say who recorded the decision")
            }
        case .informationShared(let consent, let lawfulBasis, let reason):
            if !consent && (lawfulBasis ?? "").isEmpty {
                throw StoreError.invalidPayload(
                    kind: .informationShared,
                    reason: "field 'lawful_basis' is required when 'consent' is false: information may only be shared without consent under a named lawful basis")
            }
            if reason.isEmpty {
                throw StoreError.invalidPayload(kind: .informationShared, reason: "field 'reason' must say why the information was shared")
            }
        case .signal(let propertyRef, _):
            if propertyRef.isEmpty {
                throw StoreError.invalidPayload(kind: .identificationSignal, reason: "field 'property_ref' must not be empty")
            }
        case .decision, .reopened, .referralSent, .other:
            break
        }
    }
}

/// The decodable parts of a case-opened payload that the projection needs (the case document is skipped).
struct OpenedSummary: Decodable {
    var pluginID: String
    var area: String?
    var riskBand: String?

    enum CodingKeys: String, CodingKey { case pluginID = "plugin_id", area, riskBand = "risk_band" }
}
