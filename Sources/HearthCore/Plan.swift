import Foundation

/// What to do about a case: the output of `decide`. Its JSON (snake_case, sorted keys) is the output contract.
public struct Plan: Codable, Sendable, Hashable {
    /// The case this plan is for.
    public var caseId: String
    /// The clock reading the decision was made at.
    public var decidedAt: Timestamp
    /// The policy that was applied, when known.
    public var policy: PolicyIdentity?
    /// Step 1: emergency advice, first when anyone is in immediate danger.
    public var emergency: EmergencyAdvice
    /// Step 2: whether the case is within the DA Act 2021 definition, and why.
    public var scope: Scope
    /// Step 3: children who are victims in their own right.
    public var childVictims: [ChildVictim]
    /// Step 4: DASH score, band and MARAC criteria.
    public var risk: RiskAssessment
    /// Step 5: referrals with their consent status or lawful basis.
    public var referrals: [Referral]
    /// Step 6: safety and security measures.
    public var measures: [MeasureStep]
    /// Step 7: housing options and duties.
    public var housing: HousingPlan
    /// Step 8: perpetrator actions and their guards. Never carries anything about the victim.
    public var perpetrator: [PerpetratorAction]
    /// Staff actions the core requires (identify the primary perpetrator, record a declined hand-off …).
    public var actions: [ActionStep]
    /// Step 9: deadlines on the working-day calendar.
    public var deadlines: [DeadlineStep]
    /// How to reach the victim safely, with interpreter and access needs.
    public var contact: ContactPlan
    /// Step 10: helplines by audience (`victim`, `perpetrator`, `child`, `professional`, `any`).
    public var helplines: HelplinesByAudience
    /// Free notes, including those added by hooks.
    public var notes: [String]
    /// Every rule applied, in order.
    public var trace: [TraceEntry]

    enum CodingKeys: String, CodingKey {
        case caseId = "case_id", decidedAt = "decided_at", policy, emergency, scope, childVictims = "child_victims", risk
        case referrals, measures, housing, perpetrator, actions, deadlines, contact, helplines, notes, trace
    }

    /// A JSON encoder for plans: sorted keys, so equal plans give identical bytes.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The plan as JSON (sorted keys).
    public func jsonData(pretty: Bool = false) throws -> Data { try Plan.encoder(pretty: pretty).encode(self) }
}

/// Emergency advice (invariant 3).
public struct EmergencyAdvice: Codable, Sendable, Hashable {
    /// Whether emergency advice must come first.
    public var required: Bool
    /// What to say.
    public var advice: [String]
    /// The rule that produced it.
    public var rule: String
}

/// Whether the case is within the Act, with a reason per test.
public struct Scope: Codable, Sendable, Hashable {
    /// Within the DA Act 2021 definition.
    public var withinAct: Bool
    /// One reason per test (age, connection, behaviour) and any routing when outside.
    public var reasons: [ScopeReason]

    enum CodingKeys: String, CodingKey { case withinAct = "within_act", reasons }
}

/// One scope test and its outcome.
public struct ScopeReason: Codable, Sendable, Hashable {
    /// The rule, e.g. `daa2021.s1.age`.
    public var rule: String
    /// Whether the test is met.
    public var met: Bool
    /// Why, in words.
    public var detail: String
}

/// A child who is a victim in their own right (DA Act 2021 s.3).
public struct ChildVictim: Codable, Sendable, Hashable {
    /// The child's index in the case's `children`.
    public var child: Int
    /// The child's age.
    public var age: Int
    /// The rule.
    public var rule: String
    /// Why.
    public var reason: String
}

/// A MARAC referral criterion.
public enum MaracCriterion: String, Codable, Sendable, CaseIterable {
    case visibleHighRisk = "visible_high_risk", professionalJudgement = "professional_judgement", escalation, `repeat`
}

/// The risk assessment.
public struct RiskAssessment: Codable, Sendable, Hashable {
    /// The DASH score (number of "yes").
    public var score: Int
    /// Questions answered yes or no; nil for a legacy count.
    public var answered: Int?
    /// The final band (professional judgement and MARAC criteria may raise it).
    public var band: RiskBand
    /// The band the score alone gives; `band` is never below it.
    public var scoreBand: RiskBand
    /// Whether a MARAC referral is made.
    public var marac: Bool
    /// The MARAC criteria met.
    public var criteria: [MaracCriterion]
    /// The threshold applied for this case's area.
    public var threshold: Int
    /// Whether a DASH checklist was recorded at all.
    public var dashRecorded: Bool
    /// The policy's risk section the threshold and bands came from (plugin location or `policy.risk`).
    public var rule: String

    enum CodingKeys: String, CodingKey {
        case score, answered, band, scoreBand = "score_band", marac, criteria, threshold, dashRecorded = "dash_recorded", rule
    }
}

/// A referral's consent as recorded.
public enum ReferralConsent: String, Codable, Sendable, CaseIterable {
    case given, refused, withdrawn, notAsked = "not_asked", notRequired = "not_required"
}

/// Whether a referral can go.
public enum ReferralStatus: String, Codable, Sendable, CaseIterable {
    case ready, awaitingConsent = "awaiting_consent", declined
}

/// A referral to a partner.
public struct Referral: Codable, Sendable, Hashable {
    /// The partner id.
    public var partner: String
    /// The partner's name.
    public var name: String
    /// The kind of referral.
    public var kind: ReferralKind
    /// The consent recorded.
    public var consent: ReferralConsent
    /// The lawful basis that lets it go without consent, if any.
    public var basis: LawfulBasis?
    /// Why the basis applies.
    public var basisReason: String?
    /// The core rule that found the basis, e.g. `consent.lawful_basis.marac`.
    public var basisRule: String?
    /// Whether it can go.
    public var status: ReferralStatus
    /// Why it is made.
    public var reason: String
    /// The rule or plugin location that produced it.
    public var rule: String
    /// The policy section, when it came from the policy.
    public var source: String?
    /// How the partner may reach the victim safely.
    public var contact: ContactPlan
    /// Why the policy leaves this partner unknown (its `placeholder`): the caseworker must find the service.
    public var placeholder: String? = nil
    /// Why the policy's contact details for this partner are out of date (its `outdated`).
    public var outdated: String? = nil

    enum CodingKeys: String, CodingKey {
        case partner, name, kind, consent, basis, basisReason = "basis_reason", basisRule = "basis_rule", status, reason, rule, source, contact
        case placeholder, outdated
    }
}

/// A security measure in the plan.
public struct MeasureStep: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// Who pays for it.
    public var fundedBy: String?
    /// Notes, as written.
    public var notes: String?
    /// The core rule id or plugin location that produced it.
    public var rule: String
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?

    enum CodingKeys: String, CodingKey { case id, name, fundedBy = "funded_by", notes, rule, source }
}

/// An option from the policy's catalogue.
public struct OptionStep: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// Notes, as written.
    public var notes: String?
    /// The core rule id or plugin location that produced it.
    public var rule: String
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
}

/// A note with the rule behind it.
public struct RuleNote: Codable, Sendable, Hashable {
    /// The core rule id or plugin location that produced it.
    public var rule: String
    /// What to do or know, in words.
    public var text: String
}

/// The homelessness duty that applies.
public enum HomelessnessDuty: String, Codable, Sendable, CaseIterable {
    /// Threatened with homelessness within 56 days (HA 1996 s.195).
    case prevention
    /// Homeless now (HA 1996 s.189B).
    case relief
}

/// Housing options and duties.
public struct HousingPlan: Codable, Sendable, Hashable {
    /// Options from the policy that fit the case.
    public var options: [OptionStep]
    /// Homeless as a result of domestic abuse: priority need (DA Act s.78, HA 1996 s.189(1)(j)).
    public var priorityNeed: Bool
    /// The homelessness duty, if any.
    public var duty: HomelessnessDuty?
    /// A council rehousing a secure tenant who left because of abuse must grant a secure tenancy (HA 1985 s.81ZA).
    public var secureTenancyOnRehousing: Bool
    /// Eligibility as recorded; nil when not known.
    public var eligible: Bool?
    /// Notes with their rules.
    public var notes: [RuleNote]

    enum CodingKeys: String, CodingKey {
        case options, priorityNeed = "priority_need", duty, secureTenancyOnRehousing = "secure_tenancy_on_rehousing"
        case eligible, notes
    }
}

/// The state of a perpetrator action.
public enum PerpetratorActionStatus: String, Codable, Sendable, CaseIterable {
    /// May be taken.
    case proposed
    /// Its guard does not hold yet.
    case blocked
    /// The core requires it.
    case required
}

/// An action about the perpetrator. Carries no victim details by construction (invariant 2).
public struct PerpetratorAction: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// Whether it may be taken now.
    public var status: PerpetratorActionStatus
    /// Why it is blocked or required.
    public var reason: String?
    /// The core rule id or plugin location that produced it.
    public var rule: String
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
}

/// A staff action the core requires.
public struct ActionStep: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// What to do or know, in words.
    public var text: String
    /// The core rule id or plugin location that produced it.
    public var rule: String
}

/// A deadline with its due time.
public struct DeadlineStep: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// When it falls due, in UK local time.
    public var due: Timestamp
    /// Whether it was already past due at the decision's clock reading.
    public var overdue: Bool
    /// How long it allows, in words.
    public var within: String
    /// What it counts from.
    public var from: DeadlineStart
    /// The core rule id or plugin location that produced it.
    public var rule: String
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// How to reach the victim safely.
    public var contact: ContactPlan
}

/// How to reach the victim safely.
public struct ContactPlan: Codable, Sendable, Hashable {
    /// The method agreed as safe; nil until one is agreed.
    public var method: ContactMethod?
    /// When contact is safe.
    public var times: String?
    /// Whether a voicemail may be left.
    public var voicemailSafe: Bool
    /// Whether post or visits to the home are safe.
    public var addressSafe: Bool
    /// Spoken-language interpreter needed.
    public var interpreterLanguage: String?
    /// BSL interpreter needed.
    public var bsl: Bool
    /// Disability to plan around.
    public var disability: String?
    /// What anyone making contact must know.
    public var notes: [String]
    /// The core rule id or plugin location that produced it.
    public var rule: String

    enum CodingKeys: String, CodingKey {
        case method, times, voicemailSafe = "voicemail_safe", addressSafe = "address_safe"
        case interpreterLanguage = "interpreter_language", bsl, disability, notes, rule
    }
}

/// A helpline in the plan.
public struct HelplineEntry: Codable, Sendable, Hashable {
    /// The name as the policy prints it.
    public var name: String
    /// The number as printed; nil when the policy leaves it blank.
    public var number: String?
    /// Whether it is an emergency line.
    public var emergency: Bool
    /// Opening hours as printed.
    public var hours: String?
    /// Notes, as written.
    public var notes: String?
    /// Why the value is unknown, when the policy leaves it blank or as `???`.
    public var placeholder: String?
    /// Why the printed value may be out of date.
    public var outdated: String?
    /// The core rule id or plugin location that produced it.
    public var rule: String
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
}

/// Helplines grouped by audience; encodes as an object keyed by audience, leaving out audiences with none.
public struct HelplinesByAudience: Codable, Sendable, Hashable {
    public var victim: [HelplineEntry] = []
    public var perpetrator: [HelplineEntry] = []
    public var child: [HelplineEntry] = []
    public var professional: [HelplineEntry] = []
    public var any: [HelplineEntry] = []

    /// No helplines at all.
    public init() {}

    /// The helplines for one audience.
    public subscript(_ audience: Audience) -> [HelplineEntry] {
        get {
            switch audience {
            case .victim: return victim
            case .perpetrator: return perpetrator
            case .child: return child
            case .professional: return professional
            case .any: return any
            }
        }
        set {
            switch audience {
            case .victim: victim = newValue
            case .perpetrator: perpetrator = newValue
            case .child: child = newValue
            case .professional: professional = newValue
            case .any: any = newValue
            }
        }
    }

    /// The helplines for an audience named as in JSON (`"victim"` …); nil when there are none.
    public subscript(_ key: String) -> [HelplineEntry]? {
        guard let audience = Audience(rawValue: key) else { return nil }
        let list = self[audience]
        return list.isEmpty ? nil : list
    }

    /// Whether there are no helplines for any audience.
    public var isEmpty: Bool { victim.isEmpty && perpetrator.isEmpty && child.isEmpty && professional.isEmpty && any.isEmpty }

    private enum CodingKeys: String, CodingKey { case victim, perpetrator, child, professional, any }

    /// Decodes an object keyed by audience; missing audiences have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        victim = try c.decodeIfPresent([HelplineEntry].self, forKey: .victim) ?? []
        perpetrator = try c.decodeIfPresent([HelplineEntry].self, forKey: .perpetrator) ?? []
        child = try c.decodeIfPresent([HelplineEntry].self, forKey: .child) ?? []
        professional = try c.decodeIfPresent([HelplineEntry].self, forKey: .professional) ?? []
        any = try c.decodeIfPresent([HelplineEntry].self, forKey: .any) ?? []
    }

    /// Encodes only the audiences that have helplines.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !victim.isEmpty { try c.encode(victim, forKey: .victim) }
        if !perpetrator.isEmpty { try c.encode(perpetrator, forKey: .perpetrator) }
        if !child.isEmpty { try c.encode(child, forKey: .child) }
        if !professional.isEmpty { try c.encode(professional, forKey: .professional) }
        if !any.isEmpty { try c.encode(any, forKey: .any) }
    }
}

/// One line of the plan's explanation.
public struct TraceEntry: Codable, Sendable, Hashable {
    /// The pipeline step (1–10), or 11 for hooks.
    public var step: Int
    /// The rule id or plugin location.
    public var rule: String
    /// The policy section or statute.
    public var source: String?
    /// What was decided.
    public var detail: String
}

/// The only part of a plan that may be shown or sent to the perpetrator (invariant 2): actions that may be taken now,
/// by name only, and the helplines for perpetrators. No reasons, no victim details, no MARAC, no referrals.
public struct PerpetratorView: Codable, Sendable, Hashable {
    /// An action, by id and name only.
    public struct Action: Codable, Sendable, Hashable {
        /// The option's id.
        public var id: String
        /// The option's name.
        public var name: String
    }

    /// Actions that may be taken now (never blocked ones, whose reasons would reveal the victim's situation).
    public var actions: [Action]
    /// Helplines for perpetrators and for anyone.
    public var helplines: [HelplineEntry]
}

extension Plan {
    /// The view of this plan that may be addressed to the perpetrator.
    public var forPerpetrator: PerpetratorView {
        PerpetratorView(
            actions: perpetrator.filter { $0.status == .proposed }.map { PerpetratorView.Action(id: $0.id, name: $0.name) },
            helplines: helplines.perpetrator + helplines.any)
    }
}
