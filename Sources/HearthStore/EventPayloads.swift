import Foundation

/// A typed payload for one kind of event; encoded as canonical JSON with snake_case keys.
public protocol EventPayload: Codable, Sendable {
    /// The kind of event this payload belongs to.
    static var kind: EventKind { get }
}

/// The first event of a case: the case as the core knows it and the plugin it is handled under.
public struct CaseOpenedPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.caseOpened
    /// The case document (JSON, opaque to the store).
    public var `case`: Data
    /// The plugin (council) the case is handled under.
    public var pluginID: String
    /// The area the case belongs to, when known.
    public var area: String?
    /// The risk band known at opening, when known.
    public var riskBand: String?
    /// The plugin's version at opening, when known.
    public var pluginVersion: String?
    /// The hash of the plugin's content at opening, when known.
    public var pluginHash: String?
    /// The plugin folder as it was given at opening (e.g. `plugins/eastleigh`), when known.
    public var pluginFolder: String?

    /// Creates the payload of a case-opened event.
    public init(
        case: Data, pluginID: String, area: String? = nil, riskBand: String? = nil, pluginVersion: String? = nil,
        pluginHash: String? = nil, pluginFolder: String? = nil
    ) {
        self.case = `case`
        self.pluginID = pluginID
        self.area = area
        self.riskBand = riskBand
        self.pluginVersion = pluginVersion
        self.pluginHash = pluginHash
        self.pluginFolder = pluginFolder
    }

    enum CodingKeys: String, CodingKey {
        case `case`, pluginID = "plugin_id", area, riskBand = "risk_band", pluginVersion = "plugin_version"
        case pluginHash = "plugin_hash", pluginFolder = "plugin_folder"
    }

    /// Decodes the payload, reading the embedded case document back as JSON bytes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.case = try container.decodeEmbeddedJSON(forKey: .case)
        self.pluginID = try container.decode(String.self, forKey: .pluginID)
        self.area = try container.decodeIfPresent(String.self, forKey: .area)
        self.riskBand = try container.decodeIfPresent(String.self, forKey: .riskBand)
        self.pluginVersion = try container.decodeIfPresent(String.self, forKey: .pluginVersion)
        self.pluginHash = try container.decodeIfPresent(String.self, forKey: .pluginHash)
        self.pluginFolder = try container.decodeIfPresent(String.self, forKey: .pluginFolder)
    }

    /// Encodes the payload, embedding the case document as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeEmbeddedJSON(self.case, forKey: .case)
        try container.encode(pluginID, forKey: .pluginID)
        try container.encodeIfPresent(area, forKey: .area)
        try container.encodeIfPresent(riskBand, forKey: .riskBand)
        try container.encodeIfPresent(pluginVersion, forKey: .pluginVersion)
        try container.encodeIfPresent(pluginHash, forKey: .pluginHash)
        try container.encodeIfPresent(pluginFolder, forKey: .pluginFolder)
    }
}

/// A disclosure of abuse, recorded as it was given.
public struct DisclosurePayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.disclosureRecorded
    /// What was disclosed, in the discloser's words where possible.
    public var summary: String
    /// Who made the disclosure (e.g. "victim", "neighbour", "child").
    public var disclosedBy: String?
    /// How it reached the organisation (e.g. "phone", "repairs_visit").
    public var channel: String?

    /// Creates the payload of a disclosure event.
    public init(summary: String, disclosedBy: String? = nil, channel: String? = nil) {
        self.summary = summary
        self.disclosedBy = disclosedBy
        self.channel = channel
    }

    enum CodingKeys: String, CodingKey { case summary, disclosedBy = "disclosed_by", channel }
}

/// A consent decision.
public enum ConsentDecision: String, Codable, Sendable, Hashable {
    /// The person agreed.
    case given
    /// The person said no.
    case refused
    /// The person took back consent they had given.
    case withdrawn
}

/// Consent given, refused or withdrawn for one partner or kind of sharing, and who recorded it.
public struct ConsentPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.consentRecorded
    /// The partner (e.g. "idva") or kind of sharing (e.g. "marac") the consent is about.
    public var partner: String
    /// The decision.
    public var decision: ConsentDecision
    /// Who recorded the decision.
    public var by: String
    /// Anything the person said about the scope of their consent.
    public var note: String?

    /// Creates the payload of a consent event.
    public init(partner: String, decision: ConsentDecision, by: String, note: String? = nil) {
        self.partner = partner
        self.decision = decision
        self.by = by
        self.note = note
    }
}

/// A completed DASH risk checklist with its answers.
public struct DashCompletedPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.dashCompleted
    /// Each question's id and its answer ("yes", "no", "not_known" or text).
    public var answers: [String: String]
    /// The number of "yes" answers, when the caller computed it.
    public var score: Int?
    /// Who completed the checklist with the victim.
    public var completedBy: String?

    /// Creates the payload of a DASH-completed event.
    public init(answers: [String: String], score: Int? = nil, completedBy: String? = nil) {
        self.answers = answers
        self.score = score
        self.completedBy = completedBy
    }

    enum CodingKeys: String, CodingKey { case answers, score, completedBy = "completed_by" }
}

/// A professional's judgement about the risk (it may raise the risk, never lower it: the core enforces that).
public struct ProfessionalJudgementPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.professionalJudgementRecorded
    /// The risk band the professional judges the case to be in.
    public var riskBand: String?
    /// Whether the professional judges that the case should go to MARAC.
    public var marac: Bool?
    /// Why.
    public var reason: String
    /// Who made the judgement.
    public var by: String

    /// Creates the payload of a professional-judgement event.
    public init(riskBand: String? = nil, marac: Bool? = nil, reason: String, by: String) {
        self.riskBand = riskBand
        self.marac = marac
        self.reason = reason
        self.by = by
    }

    enum CodingKeys: String, CodingKey { case riskBand = "risk_band", marac, reason, by }
}

/// A deadline in a plan, summarised for listing and reports.
public struct PlannedDeadline: Codable, Sendable, Hashable {
    /// The deadline's id in the plan (e.g. "first_contact").
    public var id: String
    /// When it falls due.
    public var due: Date

    /// Creates a deadline summary.
    public init(id: String, due: Date) {
        self.id = id
        self.due = due
    }
}

/// A referral in a plan, summarised for listing and reports.
public struct PlannedReferral: Codable, Sendable, Hashable {
    /// The partner the referral goes to.
    public var partner: String
    /// The kind of referral (e.g. "marac", "idva", "children_services").
    public var kind: String
    /// The consent status or lawful basis (e.g. "given", "not_asked", "lawful_basis:safeguarding_children").
    public var consent: String
    /// Where the referral stands (e.g. "recommended", "ready", "blocked_no_consent", "sent").
    public var status: String

    /// Creates a referral summary.
    public init(partner: String, kind: String, consent: String, status: String) {
        self.partner = partner
        self.kind = kind
        self.consent = consent
        self.status = status
    }
}

/// A decision: the full plan, the plugin that shaped it and the clock it used, with summary fields.
public struct DecisionPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.decisionMade
    /// The plan (JSON, opaque to the store).
    public var plan: Data
    /// The plugin's id.
    public var pluginID: String
    /// The plugin's version.
    public var pluginVersion: String
    /// The hash of the plugin's content.
    public var pluginHash: String
    /// The clock the decision was made with.
    public var clock: Date
    /// The risk band decided, so listings need not decode the plan.
    public var riskBand: String?
    /// Whether the case meets the MARAC criteria.
    public var marac: Bool?
    /// The plan's deadlines.
    public var deadlines: [PlannedDeadline]
    /// The plan's referrals with their consent status.
    public var referrals: [PlannedReferral]

    /// Creates the payload of a decision event.
    public init(
        plan: Data, pluginID: String, pluginVersion: String, pluginHash: String, clock: Date,
        riskBand: String? = nil, marac: Bool? = nil, deadlines: [PlannedDeadline] = [],
        referrals: [PlannedReferral] = []
    ) {
        self.plan = plan
        self.pluginID = pluginID
        self.pluginVersion = pluginVersion
        self.pluginHash = pluginHash
        self.clock = clock
        self.riskBand = riskBand
        self.marac = marac
        self.deadlines = deadlines
        self.referrals = referrals
    }

    enum CodingKeys: String, CodingKey {
        case plan, pluginID = "plugin_id", pluginVersion = "plugin_version", pluginHash = "plugin_hash", clock
        case riskBand = "risk_band", marac, deadlines, referrals
    }

    /// Decodes the payload, reading the embedded plan back as JSON bytes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.plan = try container.decodeEmbeddedJSON(forKey: .plan)
        let summary = try DecisionSummary(from: decoder)
        self.pluginID = summary.pluginID
        self.pluginVersion = summary.pluginVersion
        self.pluginHash = summary.pluginHash
        self.clock = summary.clock
        self.riskBand = summary.riskBand
        self.marac = summary.marac
        self.deadlines = summary.deadlines
        self.referrals = summary.referrals
    }

    /// Encodes the payload, embedding the plan as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeEmbeddedJSON(plan, forKey: .plan)
        try container.encode(pluginID, forKey: .pluginID)
        try container.encode(pluginVersion, forKey: .pluginVersion)
        try container.encode(pluginHash, forKey: .pluginHash)
        try container.encode(clock, forKey: .clock)
        try container.encodeIfPresent(riskBand, forKey: .riskBand)
        try container.encodeIfPresent(marac, forKey: .marac)
        try container.encode(deadlines, forKey: .deadlines)
        try container.encode(referrals, forKey: .referrals)
    }
}

/// A decision payload without its plan: what listings, reports and state need, decoded cheaply.
struct DecisionSummary: Decodable {
    var pluginID: String
    var pluginVersion: String
    var pluginHash: String
    var clock: Date
    var riskBand: String?
    var marac: Bool?
    var deadlines: [PlannedDeadline]
    var referrals: [PlannedReferral]

    typealias CodingKeys = DecisionPayload.CodingKeys

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pluginID = try container.decode(String.self, forKey: .pluginID)
        pluginVersion = try container.decode(String.self, forKey: .pluginVersion)
        pluginHash = try container.decode(String.self, forKey: .pluginHash)
        clock = try container.decode(Date.self, forKey: .clock)
        riskBand = try container.decodeIfPresent(String.self, forKey: .riskBand)
        marac = try container.decodeIfPresent(Bool.self, forKey: .marac)
        deadlines = try container.decodeIfPresent([PlannedDeadline].self, forKey: .deadlines) ?? []
        referrals = try container.decodeIfPresent([PlannedReferral].self, forKey: .referrals) ?? []
    }
}

/// A referral that was sent.
public struct ReferralSentPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.referralSent
    /// The partner it went to.
    public var partner: String
    /// The kind of referral.
    public var kind: String
    /// The consent status it was sent under ("given") or the lawful basis that overrode consent.
    public var consent: String
    /// Why it was sent without consent, when a lawful basis was used.
    public var reason: String?
    /// The partner's reference, when they gave one.
    public var reference: String?

    /// Creates the payload of a referral-sent event.
    public init(partner: String, kind: String, consent: String, reason: String? = nil, reference: String? = nil) {
        self.partner = partner
        self.kind = kind
        self.consent = consent
        self.reason = reason
        self.reference = reference
    }
}

/// A safety or security measure that was ordered.
public struct MeasureOrderedPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.measureOrdered
    /// The measure's id in the plugin's catalogue (e.g. "door_chain").
    public var measure: String
    /// Who supplies it.
    public var provider: String?
    /// Anything else worth keeping.
    public var note: String?

    /// Creates the payload of a measure-ordered event.
    public init(measure: String, provider: String? = nil, note: String? = nil) {
        self.measure = measure
        self.provider = provider
        self.note = note
    }
}

/// A safety or security measure that was fitted.
public struct MeasureFittedPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.measureFitted
    /// The measure's id in the plugin's catalogue.
    public var measure: String
    /// Who fitted it.
    public var provider: String?
    /// Anything else worth keeping.
    public var note: String?

    /// Creates the payload of a measure-fitted event.
    public init(measure: String, provider: String? = nil, note: String? = nil) {
        self.measure = measure
        self.provider = provider
        self.note = note
    }
}

/// A housing action (e.g. "management_transfer", "homelessness_duty_accepted").
public struct HousingActionPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.housingAction
    /// The action's id.
    public var action: String
    /// Details.
    public var detail: String?

    /// Creates the payload of a housing-action event.
    public init(action: String, detail: String? = nil) {
        self.action = action
        self.detail = detail
    }
}

/// An action concerning the perpetrator (e.g. "tenancy_warning", "injunction_sought").
public struct PerpetratorActionPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.perpetratorAction
    /// The action's id.
    public var action: String
    /// Details.
    public var detail: String?

    /// Creates the payload of a perpetrator-action event.
    public init(action: String, detail: String? = nil) {
        self.action = action
        self.detail = detail
    }
}

/// A free-text note.
public struct NotePayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.noteAdded
    /// The note.
    public var text: String

    /// Creates the payload of a note event.
    public init(text: String) { self.text = text }
}

/// The closing of a case: the outcome and the reason (validated against the plugin by the caller).
public struct ClosedPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.caseClosed
    /// The outcome (e.g. "support_complete").
    public var outcome: String
    /// The closure reason.
    public var reason: String

    /// Creates the payload of a case-closed event.
    public init(outcome: String, reason: String) {
        self.outcome = outcome
        self.reason = reason
    }
}

/// The reopening of a closed case.
public struct ReopenedPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.caseReopened
    /// Why the case was reopened.
    public var reason: String

    /// Creates the payload of a case-reopened event.
    public init(reason: String) { self.reason = reason }
}

/// Information shared with someone: who shared what, with whom, when, and under consent or which lawful basis.
public struct InformationSharedPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.informationShared
    /// Who shared the information.
    public var sharedBy: String
    /// What was shared (e.g. "dash_answers", "address").
    public var what: [String]
    /// Who received it.
    public var recipient: String
    /// When it was shared.
    public var sharedAt: Date
    /// Whether the person consented to this sharing.
    public var consent: Bool
    /// The lawful basis that applies when there is no consent (e.g. "crime_and_disorder_act_1998_s115").
    public var lawfulBasis: String?
    /// Why the information was shared.
    public var reason: String

    /// Creates the payload of an information-shared event.
    public init(
        sharedBy: String, what: [String], recipient: String, sharedAt: Date, consent: Bool,
        lawfulBasis: String? = nil, reason: String
    ) {
        self.sharedBy = sharedBy
        self.what = what
        self.recipient = recipient
        self.sharedAt = sharedAt
        self.consent = consent
        self.lawfulBasis = lawfulBasis
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case sharedBy = "shared_by", what, recipient, sharedAt = "shared_at", consent
        case lawfulBasis = "lawful_basis", reason
    }
}

/// An imported signal about a property (e.g. a welfare-check flag), which may have no case.
public struct IdentificationSignalPayload: EventPayload, Equatable {
    /// The kind of event this payload belongs to.
    public static let kind = EventKind.identificationSignal
    /// The property's reference (e.g. a UPRN or the housing system's id).
    public var propertyRef: String
    /// The kind of signal (e.g. "repeat_repairs_door", "welfare_check").
    public var signal: String
    /// The signal's details as given by the source.
    public var details: [String: String]

    /// Creates the payload of an identification-signal event.
    public init(propertyRef: String, signal: String, details: [String: String] = [:]) {
        self.propertyRef = propertyRef
        self.signal = signal
        self.details = details
    }

    enum CodingKeys: String, CodingKey { case propertyRef = "property_ref", signal, details }
}
